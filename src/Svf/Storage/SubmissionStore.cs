using System.Data.Common;
using System.Globalization;
using Svf.Domain;
using Svf.Ingestion;

namespace Svf.Storage;

/// <summary>Reads and writes submission headers and their history. Pathway rows are written by <see cref="PathwayBulkWriter"/>.</summary>
public static class SubmissionStore
{
    private const string SelectColumns =
        "id, kind, region_code, period, version_no, file_name, content_sha256, key_id, received_at, received_by, status, is_current, superseded_by, row_count, error_count, warning_count";

    public static long Insert(DbConnection c, DbTransaction tx, string kind, string region, ReportingPeriod period, int version,
        string fileName, string sha256, string keyId, DateTime receivedUtc, string actor)
    {
        var id = SvfDatabase.Scalar(c, tx,
            "INSERT INTO submissions (kind, region_code, period, period_start, period_end, version_no, file_name, content_sha256, key_id, " +
            "received_at, received_by, status, is_current, superseded_by, row_count, error_count, warning_count, feedback_json) " +
            "VALUES (@kind, @region, @period, @ps, @pe, @v, @file, @sha, @key, @at, @by, 'receiving', 0, NULL, 0, 0, 0, '{}') RETURNING id",
            ("kind", kind), ("region", region), ("period", period.ToString()), ("ps", period.Start), ("pe", period.End), ("v", version),
            ("file", fileName), ("sha", sha256), ("key", keyId), ("at", receivedUtc), ("by", actor));
        return Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    public static void Finish(DbConnection c, DbTransaction tx, long id, FeedbackReport report, bool makeCurrent)
    {
        SvfDatabase.Execute(c, tx,
            "UPDATE submissions SET status = @s, is_current = @cur, row_count = @rows, error_count = @e, warning_count = @w, feedback_json = @f WHERE id = @id",
            ("s", report.Status), ("cur", makeCurrent ? 1 : 0), ("rows", report.RowsStored), ("e", report.ErrorCount),
            ("w", report.WarningCount), ("f", report.ToJson()), ("id", id));
    }

    public static void Supersede(DbConnection c, DbTransaction tx, IEnumerable<long> oldIds, long newId)
    {
        foreach (var old in oldIds)
        {
            SvfDatabase.Execute(c, tx, "UPDATE submissions SET is_current = 0, superseded_by = @n WHERE id = @o", ("n", newId), ("o", old));
        }
    }

    /// <summary>
    /// Takes a current submission out of use without a replacement (e.g. a file sent for the wrong period): it stays in the
    /// history as "withdrawn", its rows no longer count, and the reason is in the audit log.
    /// </summary>
    public static SubmissionInfo Withdraw(SvfDatabase db, long id, string actor, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A withdrawal needs a reason.", nameof(reason));
        }
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        var found = Query(c, tx, $"SELECT {SelectColumns} FROM submissions WHERE id = @id", ("id", id)).SingleOrDefault()
            ?? throw new ArgumentException($"No submission {id}.", nameof(id));
        if (!found.IsCurrent)
        {
            throw new ArgumentException($"Submission {id} is not current ({found.Status}{(found.SupersededBy is { } by ? $", superseded by {by}" : "")}); only a current one can be withdrawn.", nameof(id));
        }
        db.LockRegion(c, tx, found.RegionCode);
        SvfDatabase.Execute(c, tx, "UPDATE submissions SET is_current = 0, status = @s WHERE id = @id", ("s", SubmissionStatus.Withdrawn), ("id", id));
        AuditLog.Write(c, tx, actor, "submission.withdrawn", found.RegionCode, id, $"{found.Kind} {found.Period} v{found.VersionNumber}: {reason}");
        tx.Commit();
        return found with { IsCurrent = false, Status = SubmissionStatus.Withdrawn };
    }

    /// <summary>The current (accepted, not superseded) submissions of a region and kind.</summary>
    public static List<SubmissionInfo> Current(DbConnection c, DbTransaction? tx, string region, string kind) =>
        Query(c, tx, $"SELECT {SelectColumns} FROM submissions WHERE region_code = @r AND kind = @k AND is_current = 1 ORDER BY id",
            ("r", region), ("k", kind));

    /// <summary>The current submissions of one kind, all regions, in one query.</summary>
    public static List<SubmissionInfo> Current(DbConnection c, DbTransaction? tx, string kind) =>
        Query(c, tx, $"SELECT {SelectColumns} FROM submissions WHERE kind = @k AND is_current = 1 ORDER BY id", ("k", kind));

    public static int NextVersionNumber(DbConnection c, DbTransaction tx, string region, string kind, ReportingPeriod period) =>
        Convert.ToInt32(SvfDatabase.Scalar(c, tx,
            "SELECT COALESCE(MAX(version_no), 0) + 1 FROM submissions WHERE region_code = @r AND kind = @k AND period = @p",
            ("r", region), ("k", kind), ("p", period.ToString())), CultureInfo.InvariantCulture);

    /// <summary>
    /// A cheap version of the submissions (one scan of the small header table, no pathway rows): the number of versions
    /// ever received, the highest id, and the number and id sum of the current ones. Headers are never deleted and every
    /// receipt inserts one, so a new file (accepted, rejected or superseding) changes the count, and a withdrawal, which
    /// inserts none, lowers the number of current ones: any change to which data counts changes this value.
    /// </summary>
    public static string Version(SvfDatabase db) => VersionQuery.Read(db, "s",
        "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(is_current), 0), COALESCE(SUM(CASE WHEN is_current = 1 THEN id ELSE 0 END), 0) FROM submissions");

    /// <summary>Every version ever received, newest first; optionally for one region.</summary>
    public static List<SubmissionInfo> History(SvfDatabase db, string? region = null)
    {
        using var c = db.OpenConnection();
        return region is null
            ? Query(c, null, $"SELECT {SelectColumns} FROM submissions ORDER BY id DESC")
            : Query(c, null, $"SELECT {SelectColumns} FROM submissions WHERE region_code = @r ORDER BY id DESC", ("r", region));
    }

    /// <summary>One submission version by id, or null.</summary>
    public static SubmissionInfo? Find(SvfDatabase db, long id)
    {
        using var c = db.OpenConnection();
        return Query(c, null, $"SELECT {SelectColumns} FROM submissions WHERE id = @id", ("id", id)).SingleOrDefault();
    }

    public static FeedbackReport? Feedback(SvfDatabase db, long id)
    {
        using var c = db.OpenConnection();
        var json = SvfDatabase.Scalar(c, null, "SELECT feedback_json FROM submissions WHERE id = @id", ("id", id)) as string;
        return json is null ? null : FeedbackReport.FromJson(json);
    }

    private static List<SubmissionInfo> Query(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] ps)
    {
        using var cmd = SvfDatabase.Command(c, tx, sql, ps);
        using var r = cmd.ExecuteReader();
        var list = new List<SubmissionInfo>();
        while (r.Read())
        {
            list.Add(new SubmissionInfo(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5), r.GetString(6), r.GetString(7),
                DateTime.SpecifyKind(r.GetDateTime(8), DateTimeKind.Utc), r.GetString(9), r.GetString(10), r.GetInt32(11) == 1,
                r.IsDBNull(12) ? null : r.GetInt64(12), r.GetInt32(13), r.GetInt32(14), r.GetInt32(15)));
        }
        return list;
    }
}
