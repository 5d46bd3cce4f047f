using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// One region's reporting for a year, data and yearly report together. Column names (snake_case in CSV/JSON) are stable.
/// </summary>
/// <param name="MonthsReported">Months of the year, begun by the date of the overview, that current pathway submissions cover.</param>
/// <param name="MonthsMissing">Months of the year, begun by the date of the overview, that no current pathway submission covers.</param>
/// <param name="NewCasesReceived">A current new-cases submission covers (part of) the year.</param>
/// <param name="LastReceivedAtUtc">When the region's latest file for the year (any kind, any outcome) was received.</param>
/// <param name="LastFileRejected">The region's latest file for the year was rejected (it may need help).</param>
/// <param name="ReportStatus">The yearly report: not received, incomplete, feedback sent or complete (as in the feedback letters).</param>
/// <param name="ReportLate">Submitted after the deadline, or not yet received and the deadline has passed.</param>
/// <param name="Findings">What is missing or inconsistent in the latest submitted report.</param>
public sealed record RegionReportingStatusRow(
    int Year,
    string RegionCode,
    string RegionName,
    string RccCode,
    int MonthsReported,
    IReadOnlyList<string> MonthsMissing,
    bool NewCasesReceived,
    DateTime? LastReceivedAtUtc,
    bool LastFileRejected,
    RegionReportingStatus ReportStatus,
    string ReportStatusText,
    int? ReportVersion,
    DateTime? ReportSubmittedAtUtc,
    DateOnly ReportDeadline,
    bool ReportLate,
    int Findings);

/// <summary>
/// The reporting status of the regions for a year: received data (months covered, new cases, rejected files) and the yearly report
/// (received, incomplete, feedback sent, complete, late), from the submissions and <see cref="ReportFollowUp"/>. An analyst sees all
/// 21 regions, an RCC coordinator its own, a region reporter its own region. Audited as "reporting_status.read".
/// </summary>
public sealed class ReportingStatusOverview
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly AgreementRulesCatalog _rules;
    private readonly IndicatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly Scope _scope;
    private readonly ResultCache _cache;
    private readonly Lazy<string> _configuration;

    /// <param name="db">The database (migrated).</param>
    /// <param name="reference">The configured reference data.</param>
    /// <param name="rules">The configured rules (the report deadline).</param>
    /// <param name="options">Indicator options (the computed inclusion a report is checked against).</param>
    /// <param name="clock">"Today" (Swedish date): which months have begun, whether the deadline has passed.</param>
    /// <param name="cache">Where the computed overview is kept between reads (shared by the host's services); null: one of this service's own.</param>
    public ReportingStatusOverview(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, IndicatorOptions options, TimeProvider clock,
        ResultCache? cache = null)
    {
        _db = db;
        _reference = reference;
        _rules = rules;
        _options = options;
        _clock = clock;
        _scope = new Scope(db, reference);
        _cache = cache ?? new ResultCache();
        _configuration = new Lazy<string>(() => DataVersion.Configuration(reference, options));
    }

    /// <summary>One row per region the caller may see, in region order.</summary>
    /// <exception cref="AccessDeniedException">Ministry viewers and administrators (audited as "reporting_status.denied").</exception>
    /// <exception cref="KeyNotFoundException">No rules for the year.</exception>
    public IReadOnlyList<RegionReportingStatusRow> Regions(Caller caller, int year)
    {
        _scope.CheckCaller(caller, "reporting_status");
        _scope.Demand(caller.Role is Role.RegionReporter or Role.RccCoordinator or Role.NationalAnalyst, caller, "reporting_status", null, null,
            $"{caller.RoleText} får inte se regionernas rapporteringsstatus.");
        var rules = _rules.ForYear(year);
        var today = SwedishTime.Today(_clock);
        // All 21 regions are computed once per version of the submissions, the reports, the date and the configuration;
        // each caller then gets the regions it may see.
        var version = $"{DataVersion.SubmissionsAndReports(_db)}|{Svf.Output.IsoDate.ToText(today)}|{DataVersion.Rules(rules)}|{_configuration.Value}";
        var rows = _cache.GetOrCompute($"reporting_status|{year}", version, () => Compute(rules, today))
            .Where(r => caller.CanSeeReportingStatus(r.RegionCode, _reference))
            .ToList();
        _scope.Audit(caller, "reporting_status.read", caller.Role == Role.RegionReporter ? caller.RegionCode : null, null, $"{year}: {rows.Count} regions");
        return rows;
    }

    private IReadOnlyList<RegionReportingStatusRow> Compute(AgreementRules rules, DateOnly today)
    {
        var year = rules.Year;
        var yearPeriod = new ReportingPeriod(PeriodKind.Year, year, 1);
        var letters = YearlyReportUseCases.Letters(_db, _reference, _options, rules).ToDictionary(l => l.RegionCode);
        var history = SubmissionStore.History(_db)
            .Where(s => ReportingPeriod.TryParse(s.Period, out var p) && p.Overlaps(yearPeriod))
            .ToList();
        var begun = yearPeriod.MonthsWithin().Where(m => m.Start <= today).ToList();
        var rows = new List<RegionReportingStatusRow>();
        foreach (var region in _reference.Regions)
        {
            var own = history.Where(s => s.RegionCode == region.Code).ToList();
            var covered = own.Where(s => s.IsCurrent && s.Kind == SubmissionKind.Pathways)
                .SelectMany(s => ReportingPeriod.Parse(s.Period).MonthsWithin()).ToHashSet();
            var latest = own.MaxBy(s => s.Id);
            var letter = letters[region.Code];
            rows.Add(new RegionReportingStatusRow(year, region.Code, region.Name, region.RccCode,
                begun.Count(covered.Contains),
                begun.Where(m => !covered.Contains(m)).Select(m => m.ToString()).ToList(),
                own.Any(s => s.IsCurrent && s.Kind == SubmissionKind.NewCases),
                latest?.ReceivedAtUtc,
                latest?.Status == SubmissionStatus.Rejected,
                letter.Status,
                ReportFeedbackLetter.StatusText(letter.Status),
                letter.ReportVersion,
                letter.SubmittedAtUtc,
                letter.Deadline,
                letter.SubmittedAfterDeadline || (letter.Status == RegionReportingStatus.NotReceived && today > letter.Deadline),
                letter.Findings.Count(f => f.MakesIncomplete)));
        }
        return rows;
    }
}
