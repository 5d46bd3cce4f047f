using System.Data.Common;
using System.Globalization;
using Svf.Ingestion;
using Svf.Storage;

namespace Svf.Investments;

/// <summary>The SQL of the special-investment reports (tables investment_imports, investment_areas, investment_projects; schema version 7).</summary>
internal static class InvestmentStore
{
    public sealed record ImportRow(long Id, string RccCode, int Year, int VersionNumber, string FileName, string Sha, DateTime ReceivedAtUtc, string ReceivedBy, string Status, bool IsCurrent);

    public static List<ImportRow> Imports(DbConnection c, DbTransaction? tx, string? rcc, int? year)
    {
        using var cmd = SvfDatabase.Command(c, tx,
            "SELECT id, rcc_code, year, version_no, file_name, content_sha256, received_at, received_by, status, is_current FROM investment_imports WHERE status <> 'pending'" +
            (rcc is null ? "" : " AND rcc_code = @r") + (year is null ? "" : " AND year = @y") + " ORDER BY rcc_code, year, id",
            ("r", rcc), ("y", year));
        using var r = cmd.ExecuteReader();
        var list = new List<ImportRow>();
        while (r.Read())
        {
            list.Add(new ImportRow(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4), r.GetString(5),
                DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc), r.GetString(7), r.GetString(8), r.GetInt32(9) == 1));
        }
        return list;
    }

    public static long Insert(DbConnection c, DbTransaction tx, string rcc, int year, int version, string fileName, string sha, DateTime received, string actor) =>
        Convert.ToInt64(SvfDatabase.Scalar(c, tx,
            "INSERT INTO investment_imports (rcc_code, year, version_no, file_name, content_sha256, received_at, received_by, status, is_current, feedback_json) " +
            "VALUES (@r, @y, @v, @f, @sha, @at, @by, 'pending', 0, '{}') RETURNING id",
            ("r", rcc), ("y", year), ("v", version), ("f", fileName), ("sha", sha), ("at", received), ("by", actor)), CultureInfo.InvariantCulture);

    public static void WriteContent(DbConnection c, DbTransaction tx, long id, IReadOnlyList<AreaReport> areas, IReadOnlyList<InvestmentProject> projects)
    {
        foreach (var a in areas)
        {
            SvfDatabase.Execute(c, tx, "INSERT INTO investment_areas (import_id, area, criteria, amount_passed_on) VALUES (@id, @a, @c, @m)",
                ("id", id), ("a", a.Area), ("c", a.Criteria), ("m", a.AmountPassedOn));
        }
        foreach (var p in projects)
        {
            SvfDatabase.Execute(c, tx,
                "INSERT INTO investment_projects (import_id, row_no, project_id, area, name, responsible_unit, regions, amount, start_date, end_date, aim, status, results, affected_svf, good_example) " +
                "VALUES (@id, @row, @pid, @a, @n, @u, @reg, @amt, @s, @e, @aim, @st, @res, @svf, @g)",
                ("id", id), ("row", p.RowNo), ("pid", p.ProjectId), ("a", p.Area), ("n", p.Name), ("u", p.ResponsibleUnit), ("reg", string.Join(",", p.Regions)),
                ("amt", p.Amount), ("s", p.StartDate), ("e", p.EndDate), ("aim", p.Aim), ("st", p.Status), ("res", p.Results),
                ("svf", p.AffectedSvf.Count == 0 ? null : string.Join(",", p.AffectedSvf)), ("g", p.GoodExample ? 1 : 0));
        }
    }

    public static void Finish(DbConnection c, DbTransaction tx, long id, ImportFeedback feedback, IReadOnlyList<long>? supersedes)
    {
        foreach (var old in supersedes ?? [])
        {
            SvfDatabase.Execute(c, tx, "UPDATE investment_imports SET is_current = 0, superseded_by = @n WHERE id = @id", ("n", id), ("id", old));
        }
        SvfDatabase.Execute(c, tx, "UPDATE investment_imports SET status = @s, is_current = @cur, feedback_json = @j WHERE id = @id",
            ("s", feedback.Status), ("cur", supersedes is null ? 0 : 1), ("j", feedback.ToJson()), ("id", id));
    }

    public static ImportFeedback Feedback(DbConnection c, long id) =>
        ImportFeedback.FromJson((string)SvfDatabase.Scalar(c, null, "SELECT feedback_json FROM investment_imports WHERE id = @id", ("id", id))!);

    public static InvestmentReport Read(DbConnection c, ImportRow import)
    {
        var areas = new List<AreaReport>();
        using (var cmd = SvfDatabase.Command(c, null, "SELECT area, criteria, amount_passed_on FROM investment_areas WHERE import_id = @id ORDER BY area", ("id", import.Id)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                areas.Add(new AreaReport(r.GetString(0), r.GetString(1), r.GetInt64(2)));
            }
        }
        var projects = new List<InvestmentProject>();
        using (var cmd = SvfDatabase.Command(c, null,
            "SELECT row_no, project_id, area, name, responsible_unit, regions, amount, start_date, end_date, aim, status, results, affected_svf, good_example " +
            "FROM investment_projects WHERE import_id = @id ORDER BY row_no", ("id", import.Id)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                projects.Add(new InvestmentProject
                {
                    RowNo = r.GetInt32(0), ProjectId = r.GetString(1), Area = r.GetString(2), Name = r.GetString(3), ResponsibleUnit = r.GetString(4),
                    Regions = r.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries), Amount = r.GetInt64(6),
                    StartDate = r.GetFieldValue<DateOnly>(7), EndDate = r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8),
                    Aim = r.GetString(9), Status = r.GetString(10), Results = r.IsDBNull(11) ? null : r.GetString(11),
                    AffectedSvf = r.IsDBNull(12) ? [] : r.GetString(12).Split(',', StringSplitOptions.RemoveEmptyEntries), GoodExample = r.GetInt32(13) == 1,
                });
            }
        }
        return new InvestmentReport(import.Id, import.VersionNumber, import.RccCode, import.Year, import.FileName, import.ReceivedAtUtc, areas, projects);
    }
}
