using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Svf.Domain;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Ingestion;

/// <summary>
/// Receives a region's file for a period and stores it as a new submission version, atomically:
/// the file is either stored whole (and supersedes the region's earlier version for the same period) or rejected with
/// nothing but the feedback stored. Sending the same file again changes nothing.
/// </summary>
public sealed class SubmissionService(SvfDatabase db, ReferenceDataSet reference, Pseudonymizer pseudonymizer, TimeProvider clock)
{
    public FeedbackReport SubmitPathways(Stream content, string fileName, string region, ReportingPeriod period, string actor) =>
        Submit(SubmissionKind.Pathways, content, fileName, region, period, actor, (c, tx, id, csv, issues) =>
        {
            var today = SwedishTime.Today(clock);
            var validator = new PathwayValidator(reference, pseudonymizer, region, period, today, issues);
            // Rows are stored on a second thread while this one reads and validates (see PathwayBulkWriter.CreateBackground).
            using var writer = PathwayBulkWriter.CreateBackground(c, tx, id);
            // Memory stays bounded whatever the file size: nothing per row is kept here (see DuplicatePathways).
            var duplicates = new DuplicatePathways(expectedRows: csv.ByteLength / 50);
            var svfSeen = new HashSet<string>(StringComparer.Ordinal);
            var monthsSeen = new HashSet<ReportingPeriod>();
            // Column positions are looked up once per file, not once per field.
            int cRegion = csv.Ordinal(SubmissionColumns.Region), cPin = csv.Ordinal(SubmissionColumns.PersonalId), cSex = csv.Ordinal(SubmissionColumns.Sex),
                cBirth = csv.Ordinal(SubmissionColumns.BirthYear), cSvf = csv.Ordinal(SubmissionColumns.Svf), cStart = csv.Ordinal(SubmissionColumns.SuspicionDate),
                cVisit = csv.Ordinal(SubmissionColumns.FirstVisitDate), cDecision = csv.Ordinal(SubmissionColumns.TreatmentDecisionDate),
                cTreat = csv.Ordinal(SubmissionColumns.TreatmentStartDate), cType = csv.Ordinal(SubmissionColumns.TreatmentType),
                cEnd = csv.Ordinal(SubmissionColumns.EndDate), cOutcome = csv.Ordinal(SubmissionColumns.Outcome), cIcd = csv.Ordinal(SubmissionColumns.Icd10);
            while (csv.Read())
            {
                if (!RowShape.RowIsWhole(csv, issues))
                {
                    continue;
                }
                var raw = new RawPathwayRow(csv.Line,
                    csv.Get(cRegion), csv.Get(cPin), csv.Get(cSex), csv.Get(cBirth), csv.Get(cSvf), csv.Get(cStart), csv.Get(cVisit),
                    csv.Get(cDecision), csv.Get(cTreat), csv.Get(cType), csv.Get(cEnd), csv.Get(cOutcome), csv.Get(cIcd));
                var record = validator.Validate(raw);
                if (record is not null)
                {
                    svfSeen.Add(record.SvfCode);
                    monthsSeen.Add(ReportingPeriod.Of(PeriodKind.Month, record.SuspicionDate));
                    // Every valid row is written, also after an error (the transaction is then rolled back): the
                    // duplicate check below reads them back from the database.
                    writer.Write(record);
                    duplicates.Add(record);
                }
            }
            writer.Complete();
            duplicates.Report(c, tx, id, issues);
            var missingSvf = reference.Svfs
                .Where(s => (s.YearIntroduced is null || s.YearIntroduced <= period.Year) && !svfSeen.Contains(s.Code))
                .Select(s => s.Code).ToList();
            var missingMonths = period.MonthsWithin()
                .Where(m => m.Start <= today && !monthsSeen.Contains(m))
                .Select(m => m.ToString()).ToList();
            foreach (var svf in missingSvf)
            {
                issues.Warning("completeness.svf_without_rows", 0, SubmissionColumns.Svf, $"Inga förlopp för SVF {svf} ({reference.SvfsByCode[svf].NameSv}) under perioden.");
            }
            foreach (var m in missingMonths)
            {
                issues.Warning("completeness.month_without_rows", 0, SubmissionColumns.SuspicionDate, $"Inga förlopp med välgrundad misstanke under {m}.");
            }
            return new ContentResult(csv.RowsRead, writer.Written, missingSvf, missingMonths);
        }, SubmissionColumns.PathwayRequired, SubmissionColumns.PathwayAll);

    public FeedbackReport SubmitNewCases(Stream content, string fileName, string region, ReportingPeriod period, string actor) =>
        Submit(SubmissionKind.NewCases, content, fileName, region, period, actor, (c, tx, id, csv, issues) =>
            NewCasesReader.Read(c, tx, id, csv, issues, reference, region, period), SubmissionColumns.NewCasesRequired, SubmissionColumns.NewCasesAll);

    private delegate ContentResult ContentHandler(DbConnection c, DbTransaction tx, long submissionId, CsvSource csv, IssueCollector issues);

    private FeedbackReport Submit(string kind, Stream content, string fileName, string region, ReportingPeriod period, string actor,
        ContentHandler handle, string[] requiredColumns, string[] knownColumns)
    {
        // The name comes from outside: one line, no personal number (it is stored, audited and shown).
        fileName = SafeText.OneLine(Redaction.MaskNumbers(Path.GetFileName(fileName)));
        var received = clock.GetUtcNow().UtcDateTime;
        var seekable = Seekable(content, out var ownsCopy);
        try
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(seekable));
            seekable.Position = 0;

            if (!reference.RegionsByCode.ContainsKey(region))
            {
                throw new ArgumentException($"Unknown region code '{region}'. Use the two-digit county code, e.g. 01.", nameof(region));
            }
            // Before anything is stored: a file pseudonymised with another key than the database's would not link.
            PseudonymKeyGuard.Check(db, pseudonymizer.KeyId, actor, received);

            using var c = db.OpenConnection();
            var tx = c.BeginTransaction();
            try
            {
                db.LockRegion(c, tx, region);
                var current = SubmissionStore.Current(c, tx, region, kind);
                var same = current.FirstOrDefault(s => s.Period == period.ToString() && s.ContentSha256 == sha);
                if (same is not null)
                {
                    tx.Rollback();
                    AuditLog.Write(c, null, actor, "submission.unchanged", region, same.Id, $"{kind} {period} {fileName}: identical to current version {same.VersionNumber}");
                    var stored = SubmissionStore.Feedback(db, same.Id)!;
                    return stored with { Unchanged = true, FileName = fileName, ReceivedAtUtc = received };
                }

                var issues = new IssueCollector();
                var conflicts = current.Where(s => ReportingPeriod.TryParse(s.Period, out var p) && p.Overlaps(period) && !period.Contains(p)).ToList();
                foreach (var conflict in conflicts)
                {
                    issues.Error("period.overlaps_current", 0, null,
                        $"Perioden {period} överlappar den gällande inrapporteringen {conflict.Id} för period {conflict.Period} utan att täcka den. Skicka in rättelsen för samma period ({conflict.Period}) eller för en period som omfattar den.");
                }

                var version = SubmissionStore.NextVersionNumber(c, tx, region, kind, period);
                var id = SubmissionStore.Insert(c, tx, kind, region, period, version, fileName, sha, pseudonymizer.KeyId, received, actor);
                var result = new ContentResult(0, 0, [], []);
                if (conflicts.Count == 0)
                {
                    result = ReadContent(c, tx, id, seekable, issues, handle, requiredColumns, knownColumns);
                }

                var supersedes = current.Where(s => ReportingPeriod.TryParse(s.Period, out var p) && period.Contains(p)).Select(s => s.Id).ToList();
                var accepted = issues.ErrorCount == 0;
                var report = new FeedbackReport
                {
                    SubmissionId = id,
                    VersionNumber = version,
                    Kind = kind,
                    FileName = fileName,
                    RegionCode = region,
                    Period = period.ToString(),
                    Status = !accepted ? SubmissionStatus.Rejected : issues.WarningCount > 0 ? SubmissionStatus.AcceptedWithWarnings : SubmissionStatus.Accepted,
                    ReceivedAtUtc = received,
                    Supersedes = accepted ? supersedes : [],
                    RowsRead = result.RowsRead,
                    RowsStored = accepted ? result.RowsStored : 0,
                    ErrorCount = issues.ErrorCount,
                    WarningCount = issues.WarningCount,
                    IssueCountByCode = new SortedDictionary<string, int>(issues.CountByCode.ToDictionary(), StringComparer.Ordinal),
                    Issues = issues.Listed,
                    IssuesTruncated = issues.Listed.Count < issues.ErrorCount + issues.WarningCount,
                    SvfWithoutRows = result.SvfWithoutRows,
                    MonthsWithoutRows = result.MonthsWithoutRows,
                };

                if (accepted)
                {
                    SubmissionStore.Supersede(c, tx, supersedes, id);
                    SubmissionStore.Finish(c, tx, id, report, makeCurrent: true);
                    AuditLog.Write(c, tx, actor, "submission.accepted", region, id,
                        $"{kind} {period} v{version} {fileName}: {report.RowsStored} rows, {report.WarningCount} warnings" +
                        (supersedes.Count > 0 ? $", supersedes {string.Join(",", supersedes)}" : ""));
                    tx.Commit();
                    return report;
                }

                // Rejected: undo every row written, then keep only the header and the feedback, in a transaction of its own.
                tx.Rollback();
                tx.Dispose();
                tx = c.BeginTransaction();
                var rejectedId = SubmissionStore.Insert(c, tx, kind, region, period, version, fileName, sha, pseudonymizer.KeyId, received, actor);
                report = report with { SubmissionId = rejectedId };
                SubmissionStore.Finish(c, tx, rejectedId, report, makeCurrent: false);
                AuditLog.Write(c, tx, actor, "submission.rejected", region, rejectedId, $"{kind} {period} v{version} {fileName}: {report.ErrorCount} errors");
                tx.Commit();
                return report;
            }
            finally
            {
                tx.Dispose();
            }
        }
        finally
        {
            if (ownsCopy)
            {
                seekable.Dispose();
            }
        }
    }

    private static ContentResult ReadContent(DbConnection c, DbTransaction tx, long id, Stream content, IssueCollector issues,
        ContentHandler handle, string[] requiredColumns, string[] knownColumns)
    {
        if (IsEmpty(content))
        {
            issues.Error("file.empty", 0, null, content.Length == 0
                ? "Filen är tom (0 byte): den innehåller varken rubrikrad eller rader. Kontrollera att rätt fil skickades och att den sparades innan den skickades."
                : "Filen innehåller bara blanktecken: varken rubrikrad eller rader. Kontrollera att rätt fil skickades.");
            return new ContentResult(0, 0, [], []);
        }
        CsvSource? csv = null;
        try
        {
            csv = new CsvSource(content);
            if (!ImportCsv.HeaderIsUsable(csv, requiredColumns, knownColumns, issues, "docs/submission-format.md"))
            {
                return new ContentResult(0, 0, [], []);
            }
            var result = handle(c, tx, id, csv, issues);
            if (result.RowsRead == 0)
            {
                // An empty file would silently replace the period's data with nothing.
                issues.Error("file.no_rows", 0, null, "Filen innehåller inga rader efter rubrikraden. En tom fil ersätter inte tidigare inrapporterade data.");
            }
            return result;
        }
        catch (DecoderFallbackException)
        {
            // Row 0: the text is decoded a buffer ahead of the row being read, so the row of the bad byte is not known.
            issues.Error("file.not_utf8", 0, null, "Filen är inte kodad i UTF-8. Spara den som \"CSV UTF-8 (kommaavgränsad)\" i Excel.");
        }
        catch (Sylvan.Data.Csv.CsvRecordTooLargeException e)
        {
            // The reader's buffer does not grow (memory stays bounded): a row this long is almost always an unclosed quote.
            issues.Error("field.too_long", NextRow(csv), csv?.ColumnName(e.FieldOrdinal),
                $"Raden är längre än {SwedishFormat.Number(CsvSource.MaxRowChars)} tecken och kan inte läsas; resten av filen lästes inte. Vanlig orsak: ett fält som börjar med citattecken (\") utan att avslutas med ett.");
        }
        catch (Sylvan.Data.Csv.CsvFormatException)
        {
            // The reader's message is not shown: it may quote the broken field. Its row number counts data rows only
            // (the header is row 0 there), so the row is taken from our own count: the one after the last row read.
            issues.Error("file.malformed", NextRow(csv), null,
                "Filen kan inte läsas som CSV från den här raden: ett fält med citattecken (\") avslutas inte, eller följs av mer text före avgränsaren. Kontrollera citattecknen på raden och skicka filen igen.");
        }
        finally
        {
            csv?.Dispose();
        }
        // The rows before the one that could not be read were checked: the feedback counts them.
        return new ContentResult(csv?.RowsRead ?? 0, 0, [], []);
    }

    /// <summary>The row the reader was at when it stopped: the header (row 1) if it never got past it.</summary>
    private static int NextRow(CsvSource? csv) => csv is null ? 1 : csv.Line + 1;

    /// <summary>A file with no bytes, or only a byte-order mark and blanks, has nothing to read (not even a header).</summary>
    private static bool IsEmpty(Stream content)
    {
        if (content.Length > 4096)
        {
            return false;
        }
        var pos = content.Position;
        var bytes = new byte[(int)content.Length];
        content.ReadExactly(bytes);
        content.Position = pos;
        var text = bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes.AsSpan();
        return text.Trim((byte[])[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty;
    }

    /// <summary>Uploads may come as non-seekable streams; spool them to a temporary file (deleted on close) so memory stays bounded.</summary>
    internal static Stream Seekable(Stream content, out bool ownsCopy)
    {
        if (content.CanSeek)
        {
            ownsCopy = false;
            return content;
        }
        var tmp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        content.CopyTo(tmp);
        tmp.Position = 0;
        ownsCopy = true;
        return tmp;
    }
}
