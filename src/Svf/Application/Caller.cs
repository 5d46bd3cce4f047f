using Svf.ReferenceData;

namespace Svf.Application;

/// <summary>The roles of the platform's users; what each may do is decided by <see cref="Caller"/>'s helpers and enforced by the use-case services.</summary>
public enum Role
{
    /// <summary>A region's SVF coordinator: its own region only (upload, feedback, history, withdraw, yearly report, its indicators and patient-level rows).</summary>
    RegionReporter,
    /// <summary>RCC staff: aggregates and reporting status of the regions of its RCC (plus its RCC and the nation); never patient-level rows.</summary>
    RccCoordinator,
    /// <summary>Socialstyrelsen analyst: everything; runs and locks assessments; patient-level reads only with a stated purpose, which is audited.</summary>
    NationalAnalyst,
    /// <summary>Ministry official: aggregates (always with publication suppression) and assessment results; never patient-level rows.</summary>
    MinistryViewer,
    /// <summary>Manages accounts only; no data.</summary>
    Administrator,
}

/// <summary>
/// Who is asking: the user id (written to the audit log), the role and, for a region reporter, the region
/// (<see cref="RegionCode"/>, two-digit county code) or, for an RCC coordinator, the RCC (<see cref="RccCode"/>).
/// Every use-case service takes a caller and checks it with these helpers itself; hosts only build the caller.
/// </summary>
/// <param name="UserId">The user's id as written to the audit log (the CLI: SVF_ACTOR or the OS user).</param>
/// <param name="Role">What the user may do.</param>
/// <param name="RegionCode">The region of a <see cref="Role.RegionReporter"/>; ignored for other roles.</param>
/// <param name="RccCode">The RCC of a <see cref="Role.RccCoordinator"/>; ignored for other roles.</param>
public sealed record Caller(string UserId, Role Role, string? RegionCode = null, string? RccCode = null)
{
    /// <summary>A region's coordinator (the CLI's <c>--as-region R</c>).</summary>
    public static Caller RegionReporterOf(string userId, string regionCode) => new(userId, Role.RegionReporter, regionCode);

    /// <summary>A Socialstyrelsen analyst (the CLI's national operator).</summary>
    public static Caller Analyst(string userId) => new(userId, Role.NationalAnalyst);

    /// <summary>An RCC's coordinator.</summary>
    public static Caller RccCoordinatorOf(string userId, string rccCode) => new(userId, Role.RccCoordinator, RccCode: rccCode);

    /// <summary>A ministry official.</summary>
    public static Caller Ministry(string userId) => new(userId, Role.MinistryViewer);

    /// <summary>
    /// May send, withdraw and write the yearly report for <paramref name="regionCode"/>: its own region reporter, or a national
    /// analyst acting as the receiving operator (e.g. a file that came by other means). Nobody else.
    /// </summary>
    public bool CanActForRegion(string regionCode) => Role switch
    {
        Role.RegionReporter => RegionCode == regionCode,
        Role.NationalAnalyst => true,
        _ => false,
    };

    /// <summary>
    /// May see the aggregates (indicators) and reporting status of <paramref name="regionCode"/>: its region reporter, an RCC
    /// coordinator of the region's RCC, national analysts and ministry viewers (these with publication suppression). Not administrators.
    /// </summary>
    public bool CanSeeRegionAggregates(string regionCode, ReferenceDataSet reference) => Role switch
    {
        Role.RegionReporter => RegionCode == regionCode,
        Role.RccCoordinator => RccCode is not null && reference.RegionsByCode.TryGetValue(regionCode, out var r) && r.RccCode == RccCode,
        Role.NationalAnalyst or Role.MinistryViewer => true,
        _ => false,
    };

    /// <summary>May see the aggregates of an RCC (samverkansregion) as a whole: its own RCC coordinator, analysts and ministry viewers.</summary>
    public bool CanSeeRccAggregates(string rccCode) => Role switch
    {
        Role.RccCoordinator => RccCode == rccCode,
        Role.NationalAnalyst or Role.MinistryViewer => true,
        _ => false,
    };

    /// <summary>May see national aggregates: every role with data access (not administrators).</summary>
    public bool CanSeeNationalAggregates => Role != Role.Administrator;

    /// <summary>May see a region's submission history, feedback reports and yearly-report status: the region itself, its RCC coordinator and analysts.</summary>
    public bool CanSeeReportingStatus(string regionCode, ReferenceDataSet reference) => Role switch
    {
        Role.RegionReporter or Role.RccCoordinator => CanSeeRegionAggregates(regionCode, reference),
        Role.NationalAnalyst => true,
        _ => false,
    };

    /// <summary>
    /// May read the pseudonymised patient-level rows of <paramref name="regionCode"/>: its own region reporter, or a national
    /// analyst who states a purpose (audited). Never RCC coordinators, ministry viewers or administrators.
    /// </summary>
    public bool CanSeePatientLevel(string regionCode, string? purpose) => Role switch
    {
        Role.RegionReporter => RegionCode == regionCode,
        Role.NationalAnalyst => !string.IsNullOrWhiteSpace(purpose),
        _ => false,
    };

    /// <summary>May run an assessment (and lock its decision): national analysts only.</summary>
    public bool CanRunAssessment => Role == Role.NationalAnalyst;

    /// <summary>May see assessment results (conditions, allocation, deviations): analysts and ministry viewers.</summary>
    public bool CanSeeAssessmentResults => Role is Role.NationalAnalyst or Role.MinistryViewer;

    /// <summary>Indicator tables for this caller are always computed with publication suppression (ministry viewers).</summary>
    public bool AlwaysSuppressed => Role == Role.MinistryViewer;

    /// <summary>The role in Swedish, for messages to the user: "Regionrapportör för region 01", "RCC-samordnare för RCC Norr", …</summary>
    public string RoleText => Role switch
    {
        Role.RegionReporter => $"Regionrapportör för region {RegionCode}",
        Role.RccCoordinator => $"RCC-samordnare för RCC {RccCode}",
        Role.NationalAnalyst => "Nationell analytiker",
        Role.MinistryViewer => "Departementet",
        _ => "Administratör",
    };

    /// <summary>For the audit log: "user (role text)".</summary>
    public string Describe() => $"{UserId} ({RoleText})";
}
