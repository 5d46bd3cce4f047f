using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Svf.Domain;
using Svf.Ingestion;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Reconciliation;

/// <summary>
/// Receives a file of SKR's aggregate waiting-time figures: validated row by row with feedback naming file, row and field
/// (as the regions' submissions), stored atomically as a new version that replaces the current one, or rejected with
/// nothing but the feedback stored. The same file twice changes nothing. An SVF code Socialstyrelsen does not know is
/// a warning: the row is kept so that the reconciliation can show it. The file is streamed row by row (a non-seekable
/// stream is spooled to a temporary file first) and no key is kept per row: repeated rows are found by one query over
/// the rows written in the transaction, so memory does not grow with the file (as ADR 0008 for the submissions).
/// </summary>
public sealed class SkrImporter(SvfDatabase db, ReferenceDataSet reference, TimeProvider clock)
{
    public const string Kind = "skr_figures";
    private const string FormatDoc = "docs/skr-reconciliation.md";

    public ImportFeedback Import(Stream content, string fileName, string actor)
    {
        // The name comes from outside: one line, no personal number (it is stored, audited and shown).
        fileName = SafeText.OneLine(Redaction.MaskNumbers(Path.GetFileName(fileName)));
        var received = clock.GetUtcNow().UtcDateTime;
        var seekable = SubmissionService.Seekable(content, out var ownsCopy);
        try
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(seekable));
            seekable.Position = 0;
            return Import(seekable, sha, fileName, received, actor);
        }
        finally
        {
            if (ownsCopy)
            {
                seekable.Dispose();
            }
        }
    }

    private ImportFeedback Import(Stream content, string sha, string fileName, DateTime received, string actor)
    {
        using var c = db.OpenConnection();
        var tx = c.BeginTransaction();
        try
        {
            db.LockRegion(c, tx, "skr");
            var current = SkrStore.Imports(c, tx).Where(i => i.IsCurrent).ToList();
            if (current.FirstOrDefault(i => SkrStore.Sha(c, tx, i.Id) == sha) is { } same)
            {
                tx.Rollback();
                AuditLog.Write(c, null, actor, "skr.unchanged", null, null, $"SKR figures {fileName}: identical to current import {same.Id}");
                return SkrStore.Feedback(c, same.Id) with { Unchanged = true, FileName = fileName, ReceivedAtUtc = received };
            }
            var version = Convert.ToInt32(SvfDatabase.Scalar(c, tx, "SELECT COALESCE(MAX(version_no), 0) + 1 FROM skr_imports"), CultureInfo.InvariantCulture);
            var id = SkrStore.Insert(c, tx, version, fileName, sha, received, actor);
            var issues = new IssueCollector();
            var stored = 0;
            using (var insert = SkrStore.InsertFigureCommand(c, tx, id))
            {
                // Every valid row is written, also after an error (rolled back then), so that repeats are found in a rejected file too.
                var read = ImportCsv.Read(content, SkrColumns.Required, SkrColumns.All, issues, csv =>
                {
                    if (Validate(csv, issues) is { } figure)
                    {
                        SkrStore.InsertFigure(insert, figure);
                        stored++;
                    }
                }, FormatDoc);
                foreach (var (row, first) in SkrStore.RepeatedRows(c, tx, id))
                {
                    issues.Error("row.duplicate", row, null, $"Samma region, SVF, kön och period som rad {first}. Varje kombination får bara förekomma en gång.");
                    stored--;
                }
                var feedback = ImportFeedback.From(Kind, fileName, "SKR:s väntetidsdata", received, read, stored, issues) with { ImportId = id, VersionNumber = version };
                if (feedback.Accepted)
                {
                    var supersedes = current.Select(i => i.Id).ToList();
                    feedback = feedback with { Supersedes = supersedes };
                    SkrStore.Finish(c, tx, id, feedback, supersedes);
                    AuditLog.Write(c, tx, actor, "skr.accepted", null, null, $"SKR figures v{version} {fileName}: {stored} rows, {feedback.WarningCount} warnings");
                    tx.Commit();
                    return feedback;
                }
                insert.Dispose();
                tx.Rollback();
                tx.Dispose();
                tx = c.BeginTransaction();
                var rejectedId = SkrStore.Insert(c, tx, version, fileName, sha, received, actor);
                feedback = feedback with { ImportId = rejectedId };
                SkrStore.Finish(c, tx, rejectedId, feedback, null);
                AuditLog.Write(c, tx, actor, "skr.rejected", null, null, $"SKR figures v{version} {fileName}: {feedback.ErrorCount} errors");
                tx.Commit();
                return feedback;
            }
        }
        finally
        {
            tx.Dispose();
        }
    }

    private SkrFigure? Validate(CsvSource csv, IssueCollector issues)
    {
        var row = csv.Line;
        var errors = issues.ErrorCount;
        var region = csv.Get(SkrColumns.Region);
        if (region is null)
        {
            issues.Error("region.missing", row, SkrColumns.Region, "Region saknas.");
        }
        else if (!reference.RegionsByCode.ContainsKey(region))
        {
            issues.Error("region.unknown", row, SkrColumns.Region, $"Okänd regionkod {Redaction.Quote(region)}. Använd länskoden med två siffror (01, 03, …, 25).");
        }
        var svf = csv.Get(SkrColumns.Svf);
        if (svf is null)
        {
            issues.Error("svf.missing", row, SkrColumns.Svf, "SVF saknas.");
        }
        else if (svf != SkrColumns.Total && !reference.SvfsByCode.ContainsKey(svf))
        {
            issues.Warning("svf.unknown", row, SkrColumns.Svf,
                $"SVF-koden {Redaction.Quote(svf)} finns inte i Socialstyrelsens SVF-lista (svf.csv). Raden lagras och redovisas i avstämningen som okänd SVF.");
        }
        var sexText = csv.Get(SkrColumns.Sex);
        string? sex = null;
        if (sexText is null || string.Equals(sexText, SkrColumns.Total, StringComparison.OrdinalIgnoreCase))
        {
            sex = SkrColumns.Total;
        }
        else if (SexCodes.TryParse(sexText, out var s))
        {
            sex = s.Code();
        }
        else
        {
            issues.Error("sex.invalid", row, SkrColumns.Sex, $"Ogiltigt kön {Redaction.Quote(sexText)}. Tillåtet: M, K eller TOTAL (tomt = båda).");
        }
        var periodText = csv.Get(SkrColumns.Period);
        ReportingPeriod period = default;
        if (periodText is null)
        {
            issues.Error("period.missing", row, SkrColumns.Period, "Period saknas.");
        }
        else if (!ReportingPeriod.TryParse(periodText, out period))
        {
            issues.Error("period.invalid", row, SkrColumns.Period, $"Ogiltig period {Redaction.Quote(periodText)}. Skriv ÅÅÅÅ, ÅÅÅÅ-H1, ÅÅÅÅ-Q1 eller ÅÅÅÅ-MM.");
        }
        var started = Count(csv, SkrColumns.Started, row, issues);
        var completed = Count(csv, SkrColumns.Completed, row, issues);
        var treated = Count(csv, SkrColumns.Treated, row, issues);
        var within = Count(csv, SkrColumns.WithinLimit, row, issues);
        double? median = null;
        if (csv.Get(SkrColumns.LeadTimeMedian) is { } m)
        {
            if (FieldParsing.TryNonNegativeDecimal(m, out var d))
            {
                median = (double)d;
            }
            else
            {
                issues.Error("number.invalid", row, SkrColumns.LeadTimeMedian, $"{Redaction.Quote(m)} är inte ett antal dagar (ett tal ≥ 0, t.ex. 23 eller 23,5).");
            }
        }
        if (within is { } w && treated is { } t && w > t)
        {
            issues.Error("count.within_exceeds_treated", row, SkrColumns.WithinLimit, $"Antal inom ledtid ({w}) är större än antal behandlade ({t}).");
        }
        if (within is not null && treated is null)
        {
            issues.Error("count.within_without_treated", row, SkrColumns.Treated, "Antal inom ledtid kräver antal behandlade (nämnaren för andelen inom ledtid).");
        }
        if (started is null && completed is null && treated is null && within is null && median is null)
        {
            issues.Warning("row.no_figures", row, null, "Raden har inga siffror och jämförs inte.");
        }
        if (issues.ErrorCount > errors || region is null || svf is null || sex is null || periodText is null)
        {
            return null;
        }
        return new SkrFigure(row, region, svf, sex, period.ToString(), started, completed, treated, within, median);
    }

    private static long? Count(CsvSource csv, string column, int row, IssueCollector issues)
    {
        if (csv.Get(column) is not { } text)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }
        issues.Error("number.invalid", row, column, $"{Redaction.Quote(text)} är inte ett antal (ett heltal ≥ 0 utan mellanslag).");
        return null;
    }
}
