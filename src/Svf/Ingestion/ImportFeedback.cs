using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Svf.Ingestion;

/// <summary>
/// Feedback on an import that is not a region's SVF submission (an RCC's special-investment report, SKR's waiting-time
/// figures), in the same shape and words as <see cref="FeedbackReport"/>: status, counts, every issue with file, row and
/// field. A rejected file stores nothing but this feedback.
/// </summary>
public sealed record ImportFeedback
{
    public long? ImportId { get; init; }
    public int? VersionNumber { get; init; }
    /// <summary>investment_report or skr_figures.</summary>
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    /// <summary>Whose data and for what, e.g. "RCC Väst 2025" or "SKR".</summary>
    public required string Scope { get; init; }
    public required string Status { get; init; }
    public required DateTime ReceivedAtUtc { get; init; }
    public bool Unchanged { get; init; }
    public IReadOnlyList<long> Supersedes { get; init; } = [];
    public int RowsRead { get; init; }
    public int RowsStored { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public IReadOnlyDictionary<string, int> IssueCountByCode { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];
    public bool IssuesTruncated { get; init; }

    public bool Accepted => Status != SubmissionStatus.Rejected;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ImportFeedback FromJson(string json) => JsonSerializer.Deserialize<ImportFeedback>(json, JsonOptions)
        ?? throw new InvalidDataException("Empty import feedback.");

    /// <summary>Builds the feedback from what the collector found.</summary>
    public static ImportFeedback From(string kind, string fileName, string scope, DateTime receivedUtc, int rowsRead, int rowsStored, IssueCollector issues) => new()
    {
        Kind = kind, FileName = fileName, Scope = scope, ReceivedAtUtc = receivedUtc, RowsRead = rowsRead,
        Status = issues.ErrorCount > 0 ? SubmissionStatus.Rejected : issues.WarningCount > 0 ? SubmissionStatus.AcceptedWithWarnings : SubmissionStatus.Accepted,
        RowsStored = issues.ErrorCount > 0 ? 0 : rowsStored,
        ErrorCount = issues.ErrorCount, WarningCount = issues.WarningCount,
        IssueCountByCode = new SortedDictionary<string, int>(issues.CountByCode.ToDictionary(), StringComparer.Ordinal),
        Issues = issues.Listed,
        IssuesTruncated = issues.Listed.Count < issues.ErrorCount + issues.WarningCount,
    };

    /// <summary>The letter to the sender, in Swedish.</summary>
    public string ToText()
    {
        var sv = Svf.Output.SwedishFormat.Culture;
        var b = new StringBuilder();
        b.AppendLine(sv, $"Återkoppling på import: {FileName}");
        b.AppendLine(sv, $"{Scope}, typ {Kind}, mottagen {Svf.Output.IsoDate.Minutes(ReceivedAtUtc)} UTC");
        var status = Status switch
        {
            SubmissionStatus.Accepted => "godkänd",
            SubmissionStatus.AcceptedWithWarnings => "godkänd med varningar",
            _ => "avvisad – inget från filen har lagrats; rätta felen och skicka in filen igen",
        };
        b.AppendLine(sv, $"Status: {status}{(ImportId is null ? "" : $" (import {ImportId}, version {VersionNumber})")}");
        if (Unchanged)
        {
            b.AppendLine("Filen är identisk med den gällande importen. Inget ändrades.");
        }
        if (Supersedes.Count > 0)
        {
            b.AppendLine(sv, $"Ersätter tidigare import: {string.Join(", ", Supersedes)} (finns kvar i historiken).");
        }
        b.AppendLine(sv, $"Rader lästa: {RowsRead:N0}, lagrade: {RowsStored:N0}, fel: {ErrorCount:N0}, varningar: {WarningCount:N0}");
        if (Issues.Count > 0)
        {
            b.AppendLine();
            b.AppendLine("Att åtgärda (rad = radnummer i filen, rubrikraden är rad 1):");
            foreach (var i in Issues)
            {
                var where = i.Row > 0 ? $"rad {i.Row}" : "filen";
                var field = i.Field is null ? "" : $", fält {i.Field}";
                b.AppendLine(sv, $"  {(i.Severity == IssueSeverity.Error ? "FEL" : "VARNING")} {FileName}, {where}{field}: {i.Message} [{i.Code}]");
            }
            if (IssuesTruncated)
            {
                b.AppendLine(sv, $"  … fler än {Issues.Count} problem; antal per typ: {string.Join(", ", IssueCountByCode.Select(k => $"{k.Key} {k.Value}"))}");
            }
        }
        return b.ToString();
    }
}

/// <summary>
/// Reads an import CSV with the same header and file rules as the submissions (docs/submission-format.md §1):
/// missing, duplicate and unknown columns, not UTF-8, malformed quoting, rows with too many fields, no rows.
/// Calls <paramref name="row"/> for each data row; returns the number of rows read.
/// </summary>
public static class ImportCsv
{
    /// <summary>
    /// The header rules every CSV file shares: a missing or duplicate column is an error, an unknown one a warning.
    /// False when the rows cannot be read column by column.
    /// </summary>
    internal static bool HeaderIsUsable(CsvSource csv, string[] requiredColumns, string[] knownColumns, IssueCollector issues, string formatDoc)
    {
        var usable = true;
        foreach (var col in requiredColumns.Where(col => !csv.HasColumn(col)))
        {
            usable = false;
            issues.Error("header.missing_column", 1, col, $"Kolumnen {col} saknas i rubrikraden. Se {formatDoc}.");
        }
        foreach (var col in csv.DuplicateColumns)
        {
            usable = false;
            issues.Error("header.duplicate_column", 1, col, $"Kolumnen {Redaction.Quote(col)} förekommer flera gånger i rubrikraden.");
        }
        foreach (var col in csv.Columns.Where(col => !knownColumns.Contains(col, StringComparer.OrdinalIgnoreCase)))
        {
            issues.Warning("header.unknown_column", 1, col, $"Kolumnen {Redaction.Quote(col)} är okänd och ignoreras. (Saknas rubrikraden? Första raden måste vara kolumnnamnen.)");
        }
        return usable;
    }

    public static int Read(Stream content, string[] requiredColumns, string[] knownColumns, IssueCollector issues, Action<CsvSource> row, string formatDoc)
    {
        CsvSource? csv = null;
        var read = 0;
        try
        {
            csv = new CsvSource(content);
            if (!HeaderIsUsable(csv, requiredColumns, knownColumns, issues, formatDoc))
            {
                return 0;
            }
            while (csv.Read())
            {
                read++;
                // The same row-shape rules as the submissions: too many or too few fields, or an impossibly long field.
                if (RowShape.RowIsWhole(csv, issues))
                {
                    row(csv);
                }
            }
            if (read == 0)
            {
                issues.Error("file.no_rows", 0, null, "Filen innehåller inga rader efter rubrikraden. En tom fil ersätter inte tidigare inrapporterade data.");
            }
            return read;
        }
        catch (DecoderFallbackException)
        {
            issues.Error("file.not_utf8", csv is null ? 1 : csv.Line + 1, null, "Filen är inte kodad i UTF-8. Spara den som \"CSV UTF-8 (kommaavgränsad)\" i Excel.");
        }
        catch (Sylvan.Data.Csv.CsvRecordTooLargeException)
        {
            issues.Error("field.too_long", csv is null ? 1 : csv.Line + 1, null,
                "Raden är för lång för att läsas; resten av filen lästes inte. Vanlig orsak: ett fält som börjar med citattecken (\") utan att avslutas med ett.");
        }
        catch (Sylvan.Data.Csv.CsvFormatException)
        {
            issues.Error("file.malformed", csv is null ? 1 : csv.Line + 1, null,
                "Filen kan inte läsas som CSV från den här raden: ett fält med citattecken (\") avslutas inte, eller följs av mer text före avgränsaren. Kontrollera citattecknen på raden och skicka filen igen.");
        }
        finally
        {
            csv?.Dispose();
        }
        return read;
    }
}
