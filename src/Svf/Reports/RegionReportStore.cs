using System.Globalization;
using Svf.Storage;

namespace Svf.Reports;

/// <summary>Every save of a report is a new version (drafts and submissions alike); nothing is overwritten.</summary>
public static class RegionReportStore
{
    public static StoredReport Save(SvfDatabase db, RegionReport report, bool submit, string actor, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var status = submit ? ReportStatus.Submitted : ReportStatus.Draft;
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        db.LockRegion(c, tx, report.Region);
        DateTime? latest = null;
        using (var cmd = SvfDatabase.Command(c, tx, "SELECT saved_at FROM region_reports WHERE year = @y AND region_code = @r ORDER BY version_no DESC LIMIT 1",
            ("y", report.Year), ("r", report.Region)))
        using (var r = cmd.ExecuteReader())
        {
            // Stored in UTC (text in SQLite, timestamptz in PostgreSQL): read it as UTC whatever the server's time zone.
            latest = r.Read() ? DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc) : null;
        }
        if (latest > now)
        {
            // Versions are ordered by number and time alike; a back-dated receipt may not go behind a later version.
            throw new ArgumentException($"The time of receipt {Svf.Output.IsoDate.Minutes(now)} UTC is before the region's latest saved version of the {report.Year} report.");
        }
        var version = Convert.ToInt32(SvfDatabase.Scalar(c, tx,
            "SELECT COALESCE(MAX(version_no), 0) + 1 FROM region_reports WHERE year = @y AND region_code = @r",
            ("y", report.Year), ("r", report.Region)), CultureInfo.InvariantCulture);
        var id = Convert.ToInt64(SvfDatabase.Scalar(c, tx,
            "INSERT INTO region_reports (year, region_code, version_no, status, saved_at, saved_by, content_json) " +
            "VALUES (@y, @r, @v, @s, @at, @by, @json) RETURNING id",
            ("y", report.Year), ("r", report.Region), ("v", version), ("s", status), ("at", now), ("by", actor), ("json", report.ToJson())),
            CultureInfo.InvariantCulture);
        AuditLog.Write(c, tx, actor, submit ? "report.submitted" : "report.draft_saved", report.Region, null,
            $"yearly report {report.Year} version {version}, received {Svf.Output.IsoDate.Instant(now)}");
        tx.Commit();
        return new StoredReport(id, report.Year, report.Region, version, status, now, actor, report);
    }

    /// <summary>All versions for a year (optionally one region), oldest first.</summary>
    public static List<StoredReport> History(SvfDatabase db, int year, string? region = null)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null,
            "SELECT id, year, region_code, version_no, status, saved_at, saved_by, content_json FROM region_reports WHERE year = @y" +
            (region is null ? "" : " AND region_code = @r") + " ORDER BY region_code, version_no", ("y", year), ("r", region));
        using var r = cmd.ExecuteReader();
        var list = new List<StoredReport>();
        while (r.Read())
        {
            list.Add(new StoredReport(r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetString(4),
                DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc), r.GetString(6), RegionReport.FromJson(r.GetString(7))));
        }
        return list;
    }

    /// <summary>
    /// A cheap version of the yearly reports and the feedback sent on them: both tables only ever get new rows (every save is a
    /// new version), so their row counts and highest ids change with every save, submission and letter.
    /// </summary>
    public static string Version(SvfDatabase db) => VersionQuery.Read(db, "r",
        "SELECT (SELECT COUNT(*) FROM region_reports), (SELECT COALESCE(MAX(id), 0) FROM region_reports), (SELECT COUNT(*) FROM report_feedback)");

    public static void RecordFeedback(SvfDatabase db, ReportFeedbackLetter letter, string actor, TimeProvider clock)
    {
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        SvfDatabase.Execute(c, tx,
            "INSERT INTO report_feedback (year, region_code, report_id, sent_at, sent_by, letter_json) VALUES (@y, @r, @rid, @at, @by, @json)",
            ("y", letter.Year), ("r", letter.RegionCode), ("rid", letter.ReportId), ("at", clock.GetUtcNow().UtcDateTime), ("by", actor), ("json", letter.ToJson()));
        AuditLog.Write(c, tx, actor, "report.feedback_sent", letter.RegionCode, null, $"yearly report {letter.Year}: {letter.Findings.Count} findings");
        tx.Commit();
    }

    /// <summary>Report ids on which feedback has been sent, for a year.</summary>
    public static HashSet<long> ReportsWithFeedback(SvfDatabase db, int year)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null, "SELECT report_id FROM report_feedback WHERE year = @y AND report_id IS NOT NULL", ("y", year));
        using var r = cmd.ExecuteReader();
        var set = new HashSet<long>();
        while (r.Read())
        {
            set.Add(r.GetInt64(0));
        }
        return set;
    }
}
