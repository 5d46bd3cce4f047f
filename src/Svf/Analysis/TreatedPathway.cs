using Svf.Domain;
using Svf.Indicators;
using Svf.Storage;

namespace Svf.Analysis;

/// <summary>
/// A treated pathway with the dates between its segments: välgrundad misstanke → första besök → behandlingsbeslut →
/// start av behandling. No person key: the analyses are aggregates.
/// </summary>
public readonly record struct TreatedPathway(
    string RegionCode,
    string SvfCode,
    Sex Sex,
    DateOnly SuspicionDate,
    DateOnly? FirstVisitDate,
    DateOnly? DecisionDate,
    DateOnly TreatmentStartDate,
    string? TreatmentType)
{
    public int LeadTimeDays => TreatmentStartDate.DayNumber - SuspicionDate.DayNumber;

    /// <summary>The same pathway as the indicator engine sees it (for the limit lookup).</summary>
    public PathwayFact AsFact() => new(RegionCode, SvfCode, Sex, SuspicionDate, TreatmentStartDate, TreatmentType, null, PathwayOutcome.CancerConfirmed);

    /// <summary>
    /// Days in each segment, or null when the pathway cannot be split: a date missing, or the dates out of order.
    /// The three segments always sum to the lead time.
    /// </summary>
    public (int ToFirstVisit, int ToDecision, int ToTreatment)? Segments()
    {
        if (FirstVisitDate is not { } visit || DecisionDate is not { } decision)
        {
            return null;
        }
        var a = visit.DayNumber - SuspicionDate.DayNumber;
        var b = decision.DayNumber - visit.DayNumber;
        var c = TreatmentStartDate.DayNumber - decision.DayNumber;
        return a < 0 || b < 0 || c < 0 ? null : (a, b, c);
    }
}

/// <summary>Reads the treated pathways of the current submissions with their segment dates (this feature's own query).</summary>
public static class TreatedPathwaySource
{
    private const string Sql =
        "SELECT p.region_code, p.svf_code, p.sex, p.suspicion_date, p.first_visit_date, p.treatment_decision_date, p.treatment_start_date, p.treatment_type " +
        "FROM pathways p JOIN submissions s ON s.id = p.submission_id WHERE s.is_current = 1 AND p.treatment_start_date IS NOT NULL";

    /// <summary>Pathways whose treatment started within <paramref name="period"/> (as the indicator engine counts lead times).</summary>
    public static List<TreatedPathway> Read(SvfDatabase db, ReportingPeriod period)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null, Sql);
        using var r = cmd.ExecuteReader();
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Intern(string s) => pool.TryGetValue(s, out var v) ? v : pool[s] = s;
        var list = new List<TreatedPathway>();
        while (r.Read())
        {
            var treated = r.GetFieldValue<DateOnly>(6);
            if (!period.Contains(treated))
            {
                continue;
            }
            list.Add(new TreatedPathway(Intern(r.GetString(0)), Intern(r.GetString(1)), (Sex)r.GetInt32(2), r.GetFieldValue<DateOnly>(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), treated,
                r.IsDBNull(7) ? null : Intern(r.GetString(7))));
        }
        return list;
    }
}
