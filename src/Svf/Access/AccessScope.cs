namespace Svf.Access;

/// <summary>
/// Who is asking. A region's user (RegionCode set) sees only that region's patient-level data; national users
/// (Socialstyrelsen analysts) see aggregates for all and patient-level data only with an explicit purpose, which is audited.
/// </summary>
public sealed record AccessScope(string Actor, string? RegionCode, string? Purpose = null)
{
    public static AccessScope National(string actor, string purpose) => new(actor, null, purpose);

    public static AccessScope Region(string actor, string regionCode) => new(actor, regionCode);

    public bool CanSeePatientLevel(string regionCode) => RegionCode is null || RegionCode == regionCode;
}
