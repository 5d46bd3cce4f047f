using Svf.Domain;
using Svf.Ingestion;
using Svf.Storage;

namespace Svf.Access;

/// <summary>Patient-level (pseudonymised) pathway rows, scoped to the caller's region and written to the audit log.</summary>
public static class PatientLevelQueries
{
    public static List<PathwayRecord> CurrentPathways(SvfDatabase db, AccessScope scope, string regionCode)
    {
        if (!scope.CanSeePatientLevel(regionCode))
        {
            AuditLog.Write(db, scope.Actor, "patient_level.denied", regionCode, null, $"user of region {scope.RegionCode} asked for region {regionCode}");
            throw new UnauthorizedAccessException($"Region {scope.RegionCode} may not see patient-level data of region {regionCode}.");
        }
        if (scope.RegionCode is null && string.IsNullOrWhiteSpace(scope.Purpose))
        {
            throw new UnauthorizedAccessException("A national read of patient-level data needs a stated purpose (it is written to the audit log).");
        }
        using var c = db.OpenConnection();
        var list = Read(c, regionCode);
        AuditLog.Write(c, null, scope.Actor, "patient_level.read", regionCode, null,
            $"{list.Count} pathway rows read" + (scope.Purpose is { } purpose ? $"; purpose: {purpose}" : ""));
        return list;
    }

    private static List<PathwayRecord> Read(System.Data.Common.DbConnection c, string regionCode)
    {
        using var cmd = SvfDatabase.Command(c, null,
            "SELECT p.row_no, p.region_code, p.person_key, p.sex, p.birth_year, p.age, p.svf_code, p.suspicion_date, p.first_visit_date, " +
            "p.treatment_decision_date, p.treatment_start_date, p.treatment_type, p.end_date, p.outcome, p.icd10 " +
            "FROM pathways p JOIN submissions s ON s.id = p.submission_id WHERE s.is_current = 1 AND p.region_code = @r ORDER BY p.submission_id, p.row_no",
            ("r", regionCode));
        using var r = cmd.ExecuteReader();
        var list = new List<PathwayRecord>();
        while (r.Read())
        {
            list.Add(new PathwayRecord(r.GetInt32(0), r.GetString(1), r.GetString(2), (Sex)r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetString(6),
                r.GetFieldValue<DateOnly>(7), Date(r, 8), Date(r, 9), Date(r, 10), r.IsDBNull(11) ? null : r.GetString(11), Date(r, 12),
                (PathwayOutcome)r.GetInt32(13), r.IsDBNull(14) ? null : r.GetString(14)));
        }
        return list;
    }

    private static DateOnly? Date(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
}
