using System.Data.Common;
using System.Globalization;
using Svf.Ingestion;
using Svf.Storage;

namespace Svf.Reconciliation;

/// <summary>The SQL of the SKR figures (tables skr_imports and skr_figures, schema version 8).</summary>
internal static class SkrStore
{
    public static long Insert(DbConnection c, DbTransaction tx, int version, string fileName, string sha, DateTime received, string actor) =>
        Convert.ToInt64(SvfDatabase.Scalar(c, tx,
            "INSERT INTO skr_imports (version_no, file_name, content_sha256, received_at, received_by, status, is_current, row_count, feedback_json) " +
            "VALUES (@v, @f, @sha, @at, @by, 'pending', 0, 0, '{}') RETURNING id",
            ("v", version), ("f", fileName), ("sha", sha), ("at", received), ("by", actor)), CultureInfo.InvariantCulture);

    public static void Finish(DbConnection c, DbTransaction tx, long id, ImportFeedback feedback, IReadOnlyList<long>? supersedes)
    {
        foreach (var old in supersedes ?? [])
        {
            SvfDatabase.Execute(c, tx, "UPDATE skr_imports SET is_current = 0, superseded_by = @n WHERE id = @id", ("n", id), ("id", old));
        }
        SvfDatabase.Execute(c, tx, "UPDATE skr_imports SET status = @s, is_current = @cur, row_count = @n, feedback_json = @j WHERE id = @id",
            ("s", feedback.Status), ("cur", supersedes is null ? 0 : 1), ("n", feedback.RowsStored), ("j", feedback.ToJson()), ("id", id));
    }

    public static DbCommand InsertFigureCommand(DbConnection c, DbTransaction tx, long importId)
    {
        var cmd = SvfDatabase.Command(c, tx,
            "INSERT INTO skr_figures (import_id, row_no, region_code, svf_code, sex, period, started, completed, treated, within_limit, lead_time_median) " +
            "VALUES (@id, @row, @r, @svf, @sex, @p, @st, @co, @tr, @wi, @me)",
            ("id", importId), ("row", 0), ("r", ""), ("svf", ""), ("sex", ""), ("p", ""),
            ("st", 0L), ("co", 0L), ("tr", 0L), ("wi", 0L), ("me", 0.0));
        return cmd;
    }

    public static void InsertFigure(DbCommand cmd, SkrFigure f)
    {
        cmd.Parameters["row"].Value = f.RowNo;
        cmd.Parameters["r"].Value = f.RegionCode;
        cmd.Parameters["svf"].Value = f.Svf;
        cmd.Parameters["sex"].Value = f.Sex;
        cmd.Parameters["p"].Value = f.Period;
        cmd.Parameters["st"].Value = (object?)f.Started ?? DBNull.Value;
        cmd.Parameters["co"].Value = (object?)f.Completed ?? DBNull.Value;
        cmd.Parameters["tr"].Value = (object?)f.Treated ?? DBNull.Value;
        cmd.Parameters["wi"].Value = (object?)f.WithinLimit ?? DBNull.Value;
        cmd.Parameters["me"].Value = (object?)f.LeadTimeMedian ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// The rows of an import (written in its transaction) that repeat an earlier row's region, SVF, sex and period, with that
    /// first row, in row order. The database groups them (on disk if need be), so the importer keeps no key per row.
    /// </summary>
    public static List<(int Row, int First)> RepeatedRows(DbConnection c, DbTransaction tx, long importId)
    {
        using var cmd = SvfDatabase.Command(c, tx,
            "SELECT row_no, first_row FROM (SELECT row_no, MIN(row_no) OVER (PARTITION BY region_code, svf_code, sex, period) AS first_row " +
            "FROM skr_figures WHERE import_id = @id) d WHERE row_no > first_row ORDER BY row_no", ("id", importId));
        using var r = cmd.ExecuteReader();
        var list = new List<(int, int)>();
        while (r.Read())
        {
            list.Add((r.GetInt32(0), r.GetInt32(1)));
        }
        return list;
    }

    public static List<SkrImportInfo> Imports(DbConnection c, DbTransaction? tx)
    {
        using var cmd = SvfDatabase.Command(c, tx,
            "SELECT id, version_no, file_name, received_at, received_by, status, is_current, row_count FROM skr_imports WHERE status <> 'pending' ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<SkrImportInfo>();
        while (r.Read())
        {
            list.Add(new SkrImportInfo(r.GetInt64(0), r.GetInt32(1), r.GetString(2), DateTime.SpecifyKind(r.GetDateTime(3), DateTimeKind.Utc),
                r.GetString(4), r.GetString(5), r.GetInt32(6) == 1, r.GetInt32(7)));
        }
        return list;
    }

    public static List<SkrImportInfo> Imports(SvfDatabase db)
    {
        using var c = db.OpenConnection();
        return Imports(c, null);
    }

    public static string Sha(DbConnection c, DbTransaction? tx, long id) =>
        (string)SvfDatabase.Scalar(c, tx, "SELECT content_sha256 FROM skr_imports WHERE id = @id", ("id", id))!;

    public static ImportFeedback Feedback(DbConnection c, long id) =>
        ImportFeedback.FromJson((string)SvfDatabase.Scalar(c, null, "SELECT feedback_json FROM skr_imports WHERE id = @id", ("id", id))!);

    public static ImportFeedback? Feedback(SvfDatabase db, long id)
    {
        using var c = db.OpenConnection();
        return SvfDatabase.Scalar(c, null, "SELECT feedback_json FROM skr_imports WHERE id = @id", ("id", id)) is string json ? ImportFeedback.FromJson(json) : null;
    }

    /// <summary>The figures of one import (the current one when <paramref name="importId"/> is null), optionally one region's.</summary>
    public static (SkrImportInfo? Import, List<SkrFigure> Figures) Figures(SvfDatabase db, long? importId, string? region)
    {
        using var c = db.OpenConnection();
        var import = Imports(c, null).LastOrDefault(i => importId is null ? i.IsCurrent : i.Id == importId);
        if (import is null || import.Status == SubmissionStatus.Rejected)
        {
            return (import, []);
        }
        using var cmd = SvfDatabase.Command(c, null,
            "SELECT row_no, region_code, svf_code, sex, period, started, completed, treated, within_limit, lead_time_median FROM skr_figures WHERE import_id = @id" +
            (region is null ? "" : " AND region_code = @r") + " ORDER BY row_no", ("id", import.Id), ("r", region));
        using var r = cmd.ExecuteReader();
        var list = new List<SkrFigure>();
        while (r.Read())
        {
            long? L(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
            list.Add(new SkrFigure(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), L(5), L(6), L(7), L(8), r.IsDBNull(9) ? null : r.GetDouble(9)));
        }
        return (import, list);
    }
}
