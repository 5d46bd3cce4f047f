using System.Text.Json.Serialization;

namespace Svf.Ingestion;

/// <summary>
/// One problem in a submission. <see cref="Row"/> is the line number in the file (the header is line 1; 0 = the file as
/// a whole); <see cref="Code"/> is stable and documented in docs/validation-rules.md; the message is for the coordinator.
/// </summary>
public sealed record ValidationIssue(
    [property: JsonConverter(typeof(JsonStringEnumConverter<IssueSeverity>))] IssueSeverity Severity,
    string Code,
    int Row,
    string? Field,
    string Message);
