using Svf.Domain;
using Svf.Indicators;
using Svf.Storage;

namespace Svf.Assessment;

/// <summary>Pathways of one SVF, optionally narrowed by ICD-10 prefix (colon C18 vs rectum C20), for the lead-time conditions.</summary>
internal static class LeadTimeFacts
{
    public static List<PathwayFact> Read(SvfDatabase db, string svf, IReadOnlyList<string> icdPrefixes, IReadOnlyCollection<long>? submissionIds = null)
    {
        using var c = db.OpenConnection();
        var icdFilter = icdPrefixes.Count == 0 ? "" : " AND (" + string.Join(" OR ", icdPrefixes.Select((_, i) => $"p.icd10 LIKE @icd{i}")) + ")";
        var parameters = new List<(string, object?)> { ("svf", svf) };
        parameters.AddRange(icdPrefixes.Select((p, i) => ($"icd{i}", (object?)(p + "%"))));
        using var cmd = SvfDatabase.Command(c, null,
            "SELECT p.region_code, p.sex, p.suspicion_date, p.treatment_start_date, p.treatment_type, p.end_date, p.outcome " +
            "FROM pathways p JOIN submissions s ON s.id = p.submission_id WHERE " + IndicatorSource.SubmissionFilter(submissionIds) + " AND p.svf_code = @svf" + icdFilter,
            parameters.ToArray());
        using var r = cmd.ExecuteReader();
        var list = new List<PathwayFact>();
        while (r.Read())
        {
            list.Add(new PathwayFact(r.GetString(0), svf, (Sex)r.GetInt32(1), r.GetFieldValue<DateOnly>(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), (PathwayOutcome)r.GetInt32(6)));
        }
        return list;
    }
}
