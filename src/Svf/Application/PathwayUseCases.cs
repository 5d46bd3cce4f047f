using Svf.Access;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// Patient-level (pseudonymised) pathway rows: a region reporter reads its own region's; a national analyst any region's, but only
/// with a stated purpose; RCC coordinators, ministry viewers and administrators never. Every read is audited with its purpose
/// ("patient_level.read"), every refusal too ("patient_level.denied").
/// </summary>
public sealed class PathwayUseCases
{
    private readonly SvfDatabase _db;
    private readonly Scope _scope;

    /// <param name="db">The database (migrated).</param>
    /// <param name="reference">The configured reference data (valid region codes).</param>
    public PathwayUseCases(SvfDatabase db, ReferenceDataSet reference)
    {
        _db = db;
        _scope = new Scope(db, reference);
    }

    /// <summary>The region's current pathway rows (those of current submissions), ordered by submission and row.</summary>
    /// <param name="caller">The region's reporter, or an analyst with a purpose.</param>
    /// <param name="regionCode">The region.</param>
    /// <param name="purpose">Why an analyst reads patient-level data (required for analysts; written to the audit log).</param>
    /// <exception cref="ArgumentException">Unknown region code.</exception>
    /// <exception cref="AccessDeniedException">Any other caller, or an analyst without a purpose (audited as "patient_level.denied").</exception>
    public IReadOnlyList<PathwayRecord> CurrentPathways(Caller caller, string regionCode, string? purpose = null)
    {
        var region = _scope.Region(regionCode);
        _scope.CheckCaller(caller, "patient_level");
        if (!caller.CanSeePatientLevel(region, purpose))
        {
            _scope.Deny(caller, "patient_level", region, null, caller.Role switch
            {
                Role.NationalAnalyst => "En nationell läsning av data på patientnivå kräver ett angivet syfte (det skrivs till granskningsloggen).",
                Role.RegionReporter => $"{caller.RoleText} får inte se data på patientnivå från region {region}.",
                _ => $"{caller.RoleText} får aldrig se data på patientnivå.",
            });
        }
        var scope = caller.Role == Role.RegionReporter ? AccessScope.Region(caller.UserId, region) with { Purpose = purpose } : AccessScope.National(caller.UserId, purpose!);
        return PatientLevelQueries.CurrentPathways(_db, scope, region);
    }
}
