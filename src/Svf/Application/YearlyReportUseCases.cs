using Svf.Assessment;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// The regions' yearly reports (redovisningar): the pre-filled template, saving a draft or submitting, the versions, the
/// follow-up status with the feedback letters, and recording letters as sent. Scoped to the caller and audited.
/// </summary>
public sealed class YearlyReportUseCases
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
    /// <param name="rules">The configured rules (a year without rules has no template and cannot be reported on).</param>
    /// <param name="options">Indicator options for the pre-filled figures and the computed inclusion.</param>
    /// <param name="clock">The time of a save, when no earlier time of receipt is given.</param>
    /// <param name="cache">Where the computed follow-up letters are kept between reads (shared by the host's services); null: one of this service's own.</param>
    public YearlyReportUseCases(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, IndicatorOptions options, TimeProvider clock,
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

    /// <summary>
    /// A region's draft report for <paramref name="year"/>: waiting-time figures per SVF pre-filled from its submitted data for the
    /// rules' measurement period, every text section present and empty. Audited as "report.template".
    /// </summary>
    /// <param name="caller">The region's reporter or an analyst.</param>
    /// <param name="year">A year with rules.</param>
    /// <param name="regionCode">The region.</param>
    /// <exception cref="KeyNotFoundException">No rules for the year.</exception>
    /// <exception cref="AccessDeniedException">Another region (audited as "report.template.denied").</exception>
    public RegionReport Template(Caller caller, int year, string regionCode)
    {
        var region = _scope.Region(regionCode);
        _scope.CheckCaller(caller, "report.template");
        _scope.Demand(caller.CanActForRegion(region), caller, "report.template", region, null,
            $"{caller.RoleText} får inte hämta redovisningsmallen för region {region}.");
        var rules = _rules.ForYear(year);
        var draft = Prefill(rules, region);
        _scope.Audit(caller, "report.template", region, null, $"yearly report {year} template pre-filled");
        return draft;
    }

    internal RegionReport Prefill(AgreementRules rules, string region)
    {
        var period = ReportPrefill.MeasurementPeriod(rules);
        var rows = new IndicatorEngine(_reference, _options)
            .Compute(IndicatorSource.Pathways(_db, region), IndicatorSource.NewCases(_db, region), new IndicatorQuery(period.Kind, period));
        return ReportPrefill.Create(rules, _reference, region, rows);
    }

    /// <summary>Saves the report as a new draft version (nothing is overwritten). Audited as "report.draft_saved".</summary>
    /// <inheritdoc cref="Save"/>
    public StoredReport SaveDraft(Caller caller, RegionReport report) => Save(caller, report, submit: false);

    /// <summary>Submits the report as a new version (its time is the time of submission for the deadline). Audited as "report.submitted".</summary>
    /// <inheritdoc cref="Save"/>
    public StoredReport Submit(Caller caller, RegionReport report, DateTimeOffset? receivedAt = null) => Save(caller, report, submit: true, receivedAt);

    /// <summary>Saves a report version, a draft or submitted.</summary>
    /// <param name="caller">The report's region reporter, or an analyst (who may also enter a report received earlier by other means).</param>
    /// <param name="report">The report (its <see cref="RegionReport.Region"/> and <see cref="RegionReport.Year"/> say whose and which).</param>
    /// <param name="submit">True to submit; false for a draft.</param>
    /// <param name="receivedAt">An earlier time of receipt (analysts only), recorded as the version's time; not in the future.</param>
    /// <exception cref="ArgumentException">The report has problems (all listed), the region is unknown, or the time of receipt is in the future or before the latest version.</exception>
    /// <exception cref="KeyNotFoundException">No rules for the report's year.</exception>
    /// <exception cref="AccessDeniedException">Another region's report, or a back-dated receipt by a region reporter (audited as "report.save.denied").</exception>
    public StoredReport Save(Caller caller, RegionReport report, bool submit, DateTimeOffset? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var region = _scope.Region(report.Region);
        _scope.CheckCaller(caller, "report.save");
        _scope.Demand(caller.CanActForRegion(region), caller, "report.save", region, null,
            $"{caller.RoleText} får inte spara redovisningen för region {region}.");
        _scope.Demand(receivedAt is null || caller.Role == Role.NationalAnalyst, caller, "report.save", region, null,
            $"{caller.RoleText} får inte ange en tidigare mottagningstid.");
        if (report.Problems(_reference) is { Count: > 0 } problems)
        {
            throw new ArgumentException($"The report cannot be saved: {string.Join("; ", problems)}.");
        }
        // The year must have rules (a template): otherwise the report could never be checked.
        _rules.ForYear(report.Year);
        var clock = _clock;
        if (receivedAt is { } at)
        {
            if (at > _clock.GetUtcNow())
            {
                throw new ArgumentException("The time of receipt lies in the future.");
            }
            clock = new FixedTime(at);
        }
        return RegionReportStore.Save(_db, report with { Region = region }, submit, caller.UserId, clock);
    }

    /// <summary>Every saved version of a region's report for a year, oldest first. Audited as "report.versions.read".</summary>
    /// <param name="caller">The region's reporter, its RCC coordinator or an analyst.</param>
    /// <param name="year">The year.</param>
    /// <param name="regionCode">The region.</param>
    public IReadOnlyList<StoredReport> Versions(Caller caller, int year, string regionCode)
    {
        var region = _scope.Region(regionCode);
        _scope.CheckCaller(caller, "report.versions");
        _scope.Demand(caller.CanSeeReportingStatus(region, _reference), caller, "report.versions", region, null,
            $"{caller.RoleText} får inte se redovisningarna från region {region}.");
        var list = RegionReportStore.History(_db, year, region);
        _scope.Audit(caller, "report.versions.read", region, null, $"yearly report {year}: {list.Count} versions");
        return list;
    }

    /// <summary>
    /// The follow-up of the year's reports with each region's feedback letter (status, what is missing or inconsistent), for the
    /// regions the caller may see: a region reporter its own, an RCC coordinator its RCC's, an analyst all 21. Audited as "report.status.read".
    /// </summary>
    /// <exception cref="AccessDeniedException">Ministry viewers and administrators (audited as "report.status.denied").</exception>
    public IReadOnlyList<ReportFeedbackLetter> Status(Caller caller, int year)
    {
        _scope.CheckCaller(caller, "report.status");
        _scope.Demand(caller.Role is Role.RegionReporter or Role.RccCoordinator or Role.NationalAnalyst, caller, "report.status",
            caller.Role == Role.RegionReporter ? caller.RegionCode : null, null, $"{caller.RoleText} får inte se redovisningarnas status.");
        var letters = Letters(_rules.ForYear(year)).Where(l => caller.CanSeeReportingStatus(l.RegionCode, _reference)).ToList();
        _scope.Audit(caller, "report.status.read", caller.Role == Role.RegionReporter ? caller.RegionCode : null, null,
            $"yearly report {year}: status of {letters.Count} regions");
        return letters;
    }

    /// <summary>One region's feedback letter for the year.</summary>
    /// <exception cref="AccessDeniedException">A region the caller may not see (audited as "report.status.denied").</exception>
    public ReportFeedbackLetter Letter(Caller caller, int year, string regionCode)
    {
        var region = _scope.Region(regionCode);
        _scope.CheckCaller(caller, "report.status");
        _scope.Demand(caller.CanSeeReportingStatus(region, _reference), caller, "report.status", region, null,
            $"{caller.RoleText} får inte se redovisningen från region {region}.");
        var letter = Letters(_rules.ForYear(year)).Single(l => l.RegionCode == region);
        _scope.Audit(caller, "report.status.read", region, null, $"yearly report {year}: {ReportFeedbackLetter.StatusText(letter.Status)}");
        return letter;
    }

    /// <summary>
    /// Records the letters of incomplete reports as sent (their status becomes "feedback sent"): every incomplete region, or only
    /// <paramref name="regionCode"/>. Analysts only; each letter is audited as "report.feedback_sent".
    /// </summary>
    /// <returns>The letters after recording (all regions).</returns>
    public IReadOnlyList<ReportFeedbackLetter> RecordFeedbackSent(Caller caller, int year, string? regionCode = null)
    {
        var region = regionCode is null ? null : _scope.Region(regionCode);
        _scope.CheckCaller(caller, "report.feedback");
        _scope.Demand(caller.Role == Role.NationalAnalyst, caller, "report.feedback", region, null,
            $"{caller.RoleText} får inte skicka återkoppling på redovisningar.");
        var rules = _rules.ForYear(year);
        foreach (var l in Letters(rules).Where(l => l.Status == RegionReportingStatus.Incomplete && (region is null || l.RegionCode == region)))
        {
            RegionReportStore.RecordFeedback(_db, l, caller.UserId, _clock);
        }
        return Letters(rules);
    }

    /// <summary>
    /// The letters of all regions, from the cache while the submissions, the reports and the feedback sent are unchanged (computing
    /// them runs the year's assessment over every current pathway).
    /// </summary>
    private IReadOnlyList<ReportFeedbackLetter> Letters(AgreementRules rules) =>
        _cache.GetOrCompute($"report.letters|{rules.Year}", $"{DataVersion.SubmissionsAndReports(_db)}|{DataVersion.Rules(rules)}|{_configuration.Value}",
            () => Letters(_db, _reference, _options, rules));

    /// <summary>The follow-up letters of all regions, each report checked against the inclusion computed from the submitted data.</summary>
    internal static IReadOnlyList<ReportFeedbackLetter> Letters(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options, AgreementRules rules)
    {
        var assessment = new PaymentAssessor(db, reference, options).Assess(rules);
        return new ReportFollowUp(db, reference).Letters(rules, assessment.ComputedInclusion);
    }

    /// <summary>A clock stopped at an earlier time of receipt.</summary>
    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
