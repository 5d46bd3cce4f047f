using Svf.Domain;
using Svf.Indicators;

namespace Svf.Storage;

/// <summary>Streams the current (accepted, not superseded) submissions' data to the indicator engine.</summary>
public static class IndicatorSource
{
    public static IEnumerable<PathwayFact> Pathways(SvfDatabase db, string? region = null)
    {
        using var c = db.OpenConnection();
        var sql = "SELECT p.region_code, p.svf_code, p.sex, p.suspicion_date, p.treatment_start_date, p.treatment_type, p.end_date, p.outcome " +
                  "FROM pathways p JOIN submissions s ON s.id = p.submission_id WHERE s.is_current = 1" +
                  (region is null ? "" : " AND p.region_code = @r");
        using var cmd = SvfDatabase.Command(c, null, sql, ("r", region));
        using var r = cmd.ExecuteReader();
        // Interning keeps one string per region, SVF and treatment code instead of one per row.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Intern(string s) => pool.TryGetValue(s, out var v) ? v : pool[s] = s;
        while (r.Read())
        {
            yield return new PathwayFact(
                Intern(r.GetString(0)), Intern(r.GetString(1)), (Sex)r.GetInt32(2), r.GetFieldValue<DateOnly>(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
                r.IsDBNull(5) ? null : Intern(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6),
                (PathwayOutcome)r.GetInt32(7));
        }
    }

    public static IEnumerable<NewCasesFact> NewCases(SvfDatabase db, string? region = null)
    {
        using var c = db.OpenConnection();
        var sql = "SELECT n.region_code, n.svf_code, n.period, n.new_cases FROM new_cases n JOIN submissions s ON s.id = n.submission_id " +
                  "WHERE s.is_current = 1" + (region is null ? "" : " AND n.region_code = @r");
        using var cmd = SvfDatabase.Command(c, null, sql, ("r", region));
        using var r = cmd.ExecuteReader();
        var list = new List<NewCasesFact>();
        while (r.Read())
        {
            list.Add(new NewCasesFact(r.GetString(0), r.GetString(1), ReportingPeriod.Parse(r.GetString(2)), null, r.GetDouble(3)));
        }
        return list;
    }
}
