using System.Text.Json.Serialization;

namespace Svf.Reports;

/// <summary>
/// Something missing or inconsistent in a region's report. <see cref="Kind"/> "missing" makes the report incomplete
/// (not per the template); "inconsistent" is fed back but the report still counts as received per the template.
/// </summary>
public sealed record ReportFinding(string Code, string Kind, string Section, string? Svf, string Message)
{
    public const string Missing = "missing";
    public const string Inconsistent = "inconsistent";

    [JsonIgnore]
    public bool MakesIncomplete => Kind == Missing;
}
