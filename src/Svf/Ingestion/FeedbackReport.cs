using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Svf.Output;

namespace Svf.Ingestion;

/// <summary>
/// The feedback to a region on one submission: status, counts, every issue (up to a cap) with file, row and field,
/// and what is missing for the reporting to be complete. Stored with the submission and returned to the sender.
/// </summary>
public sealed record FeedbackReport
{
    public long? SubmissionId { get; init; }
    public int? VersionNumber { get; init; }
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    public required string RegionCode { get; init; }
    public required string Period { get; init; }
    public required string Status { get; init; }
    public required DateTime ReceivedAtUtc { get; init; }
    /// <summary>True when the same file had already been received for this region and period: nothing was changed.</summary>
    public bool Unchanged { get; init; }
    public IReadOnlyList<long> Supersedes { get; init; } = [];
    public int RowsRead { get; init; }
    public int RowsStored { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public IReadOnlyDictionary<string, int> IssueCountByCode { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];
    /// <summary>True when more issues were found than are listed.</summary>
    public bool IssuesTruncated { get; init; }
    public IReadOnlyList<string> SvfWithoutRows { get; init; } = [];
    public IReadOnlyList<string> MonthsWithoutRows { get; init; } = [];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static FeedbackReport FromJson(string json) => JsonSerializer.Deserialize<FeedbackReport>(json, JsonOptions)
        ?? throw new InvalidDataException("Empty feedback report.");

    /// <summary>The human-readable letter (Swedish, as the region coordinators read it).</summary>
    public string ToText()
    {
        var sv = SwedishFormat.Culture;
        var b = new StringBuilder();
        // Text from outside is kept to one line each, also when it was stored before that rule (SafeText).
        var fileName = SafeText.OneLine(FileName);
        b.AppendLine(sv, $"Återkoppling på inrapportering: {fileName}");
        b.AppendLine(sv, $"Region {SafeText.OneLine(RegionCode)}, period {SafeText.OneLine(Period)}, typ {Kind}, mottagen {IsoDate.Minutes(ReceivedAtUtc)} UTC");
        b.AppendLine(sv, $"Status: {StatusText}{(SubmissionId is null ? "" : $" (inrapportering {SubmissionId}, version {VersionNumber})")}");
        if (Unchanged)
        {
            b.AppendLine("Filen är identisk med den gällande inrapporteringen för samma region och period. Inget ändrades.");
        }
        if (Supersedes.Count > 0)
        {
            b.AppendLine(sv, $"Ersätter tidigare inrapportering: {string.Join(", ", Supersedes)} (finns kvar i historiken).");
        }
        b.AppendLine(sv, $"Rader lästa: {RowsRead:N0}, lagrade: {RowsStored:N0}, fel: {ErrorCount:N0}, varningar: {WarningCount:N0}");
        if (Issues.Count > 0)
        {
            b.AppendLine();
            b.AppendLine("Att åtgärda (rad = radnummer i filen, rubrikraden är rad 1):");
            foreach (var i in Issues)
            {
                var where = i.Row > 0 ? $"rad {i.Row}" : "filen";
                var field = i.Field is null ? "" : $", fält {SafeText.OneLine(i.Field)}";
                b.AppendLine(sv, $"  {(i.Severity == IssueSeverity.Error ? "FEL" : "VARNING")} {fileName}, {where}{field}: {SafeText.OneLine(i.Message)} [{i.Code}]");
            }
            if (IssuesTruncated)
            {
                var perCode = string.Join(", ", IssueCountByCode.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"));
                b.AppendLine(sv, $"  … fler än {Issues.Count} problem; antal per typ: {perCode}");
            }
        }
        if (SvfWithoutRows.Count > 0 || MonthsWithoutRows.Count > 0)
        {
            b.AppendLine();
            b.AppendLine("För att rapporteringen ska vara komplett saknas:");
            if (SvfWithoutRows.Count > 0)
            {
                b.AppendLine(sv, $"  SVF utan några rader: {string.Join(", ", SvfWithoutRows)}");
            }
            if (MonthsWithoutRows.Count > 0)
            {
                b.AppendLine(sv, $"  Månader utan några rader: {string.Join(", ", MonthsWithoutRows)}");
            }
        }
        return b.ToString();
    }

    private string StatusText => Status switch
    {
        SubmissionStatus.Accepted => "godkänd",
        SubmissionStatus.AcceptedWithWarnings => "godkänd med varningar",
        _ => "avvisad – inget från filen har lagrats; rätta felen och skicka in filen igen",
    };
}
