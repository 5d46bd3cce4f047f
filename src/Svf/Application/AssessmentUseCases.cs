using Svf.Assessment;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>What to change for a what-if run; a null property keeps the rules' value.</summary>
public sealed record WhatIfScenario
{
    /// <summary>Another inclusion threshold (fraction, e.g. 0.65) for every inclusion condition.</summary>
    public decimal? InclusionThreshold { get; init; }

    /// <summary>Another lead-time threshold (fraction, e.g. 0.75) for every lead-time condition.</summary>
    public decimal? LeadTimeThreshold { get; init; }

    /// <summary>Another policy for a failing region's share.</summary>
    public FailedSharePolicy? Policy { get; init; }

    /// <summary>Another population reference date for every payment (regioner.csv must have it for every region whose figure weighs, or there is no allocation).</summary>
    public DateOnly? PopulationReferenceDate { get; init; }

    /// <summary>In words, for the audit log and page titles.</summary>
    public string Describe() => string.Join(", ", new[]
    {
        InclusionThreshold is { } i ? $"inklusionsmål {Svf.Output.SwedishFormat.Percent((double)i)}" : null,
        LeadTimeThreshold is { } l ? $"ledtidskrav {Svf.Output.SwedishFormat.Percent((double)l)}" : null,
        Policy is { } p ? $"princip {(p == FailedSharePolicy.Withhold ? "innehåll" : "omfördela")}" : null,
        PopulationReferenceDate is { } d ? $"befolkning per {Svf.Output.SwedishFormat.Date(d)}" : null,
    }.Where(s => s is not null)) is { Length: > 0 } s ? s : "oförändrat";
}

/// <summary>
/// One region and payment, as decided now and under the scenario, in whole kronor. <see cref="PaymentId"/> "TOTAL" sums a region's
/// payments. Amounts are null when that run has no allocation.
/// </summary>
public sealed record WhatIfRow(
    int Year,
    string RegionCode,
    string RegionName,
    string PaymentId,
    ConditionOutcome? CurrentEligibility,
    ConditionOutcome? ScenarioEligibility,
    long? CurrentAmount,
    long? ScenarioAmount,
    long? Difference,
    long? CurrentWithheld,
    long? ScenarioWithheld)
{
    /// <summary>The amount in the year's locked payment decision, when the year is locked; else null.</summary>
    public long? LockedAmount { get; init; }

    /// <summary>Scenario minus locked amount, when the year is locked; else null.</summary>
    public long? DifferenceFromLocked => ScenarioAmount - LockedAmount;
}

/// <summary>A current run and a what-if run side by side, region by region and krona by krona.</summary>
/// <param name="Scenario">What was changed.</param>
/// <param name="Current">The assessment under the year's rules (and the rules' default policy).</param>
/// <param name="Alternative">The assessment under the scenario.</param>
/// <param name="Rows">Per region: one row per payment and one "TOTAL" row, in region order.</param>
public sealed record WhatIfResult(int Year, WhatIfScenario Scenario, AssessmentRun Current, AssessmentRun Alternative, IReadOnlyList<WhatIfRow> Rows)
{
    /// <summary>The year's locked payment decision, when there is one (its amounts are in <see cref="WhatIfRow.LockedAmount"/>).</summary>
    public LockedDecision? Locked { get; init; }

    /// <summary>Regions whose outcome of some condition differs between the two runs.</summary>
    public IReadOnlyList<(string RegionCode, string ConditionId, ConditionOutcome Current, ConditionOutcome Scenario)> ChangedOutcomes =>
        Current.Assessment.Conditions.Join(Alternative.Assessment.Conditions, c => (c.RegionCode, c.ConditionId), c => (c.RegionCode, c.ConditionId),
                (a, b) => (a.RegionCode, a.ConditionId, a.Outcome, b.Outcome))
            .Where(x => x.Item3 != x.Item4).ToList();
}

/// <summary>
/// Assessment of a year's second-payment conditions: the run money is decided on (analysts; audited with its fingerprint), the
/// results for viewing (analysts and the ministry), the locked payment decision (lock, show, re-run, diff; <see cref="DecisionService"/>),
/// and what-if runs under another threshold, policy or population date, side by side with the current and the locked result.
/// </summary>
public sealed class AssessmentUseCases
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly AgreementRulesCatalog _rules;
    private readonly IndicatorOptions _options;
    private readonly DecisionService _decisions;
    private readonly Scope _scope;

    /// <param name="db">The database (migrated).</param>
    /// <param name="reference">The configured reference data (populations for the allocation).</param>
    /// <param name="rules">The configured rules.</param>
    /// <param name="options">Indicator options (confidence level of the intervals).</param>
    /// <param name="clock">The time a decision is locked; default the system clock.</param>
    public AssessmentUseCases(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, IndicatorOptions options, TimeProvider? clock = null)
    {
        _db = db;
        _reference = reference;
        _rules = rules;
        _options = options;
        _decisions = new DecisionService(db, clock ?? TimeProvider.System, options);
        _scope = new Scope(db, reference);
    }

    /// <summary>
    /// Runs the assessment money is decided on: conditions, allocation, deviations, conclusions. Leaves its trace in the audit log as
    /// "assessment.run": who, the year, the policy, how many payment decisions were met, whether the allocation was computed, and
    /// the result's fingerprint. National analysts only.
    /// </summary>
    /// <param name="caller">A national analyst.</param>
    /// <param name="year">A year with rules.</param>
    /// <param name="policy">What happens to a failing region's share; null for the rules' default.</param>
    /// <exception cref="AccessDeniedException">Not an analyst (audited as "assessment.run.denied").</exception>
    /// <exception cref="KeyNotFoundException">No rules for the year.</exception>
    public AssessmentRun Run(Caller caller, int year, FailedSharePolicy? policy = null)
    {
        _scope.CheckCaller(caller, "assessment.run");
        _scope.Demand(caller.CanRunAssessment, caller, "assessment.run", null, null, $"{caller.RoleText} får inte köra bedömningen.");
        return Run(caller, _rules.ForYear(year), policy);
    }

    /// <summary>As <see cref="Run(Caller, int, FailedSharePolicy?)"/>, under rules given by the caller (e.g. loaded from another folder) instead of the configured ones.</summary>
    /// <exception cref="AccessDeniedException">Not an analyst (audited as "assessment.run.denied").</exception>
    /// <param name="fallback">SKR's figures for a lead-time condition a region's own data cannot assess (only when asked; marked data_source = skr).</param>
    public AssessmentRun Run(Caller caller, AgreementRules rules, FailedSharePolicy? policy = null, ILeadTimeFallback? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _scope.CheckCaller(caller, "assessment.run");
        _scope.Demand(caller.CanRunAssessment, caller, "assessment.run", null, null, $"{caller.RoleText} får inte köra bedömningen.");
        var run = Compute(rules, policy ?? rules.DefaultFailedSharePolicy, fallback);
        run.WriteAudit(_db, caller.UserId);
        return run;
    }

    /// <summary>
    /// The assessment as it stands, for viewing (no decision is made): analysts and ministry viewers. Audited as "assessment.read".
    /// </summary>
    /// <exception cref="AccessDeniedException">Region reporters, RCC coordinators, administrators (audited as "assessment.read.denied").</exception>
    public AssessmentRun Current(Caller caller, int year, FailedSharePolicy? policy = null)
    {
        _scope.CheckCaller(caller, "assessment.read");
        _scope.Demand(caller.CanSeeAssessmentResults, caller, "assessment.read", null, null, $"{caller.RoleText} får inte se bedömningen.");
        var rules = _rules.ForYear(year);
        var run = Compute(rules, policy ?? rules.DefaultFailedSharePolicy);
        _scope.Audit(caller, "assessment.read", null, null, $"year {rules.Year}, policy {run.Policy}, result fingerprint {run.Fingerprint}");
        return run;
    }

    /// <summary>
    /// The assessment under the year's rules and under <paramref name="scenario"/>, side by side per region and payment in whole
    /// kronor. Nothing is decided; audited as "assessment.what_if" with both fingerprints. National analysts only.
    /// </summary>
    /// <exception cref="ArgumentException">A threshold outside 0–1.</exception>
    /// <exception cref="AccessDeniedException">Not an analyst (audited as "assessment.what_if.denied").</exception>
    public WhatIfResult WhatIf(Caller caller, int year, WhatIfScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scope.CheckCaller(caller, "assessment.what_if");
        _scope.Demand(caller.CanRunAssessment, caller, "assessment.what_if", null, null, $"{caller.RoleText} får inte köra bedömningen.");
        foreach (var t in new[] { scenario.InclusionThreshold, scenario.LeadTimeThreshold })
        {
            if (t is < 0m or > 1m)
            {
                throw new ArgumentException($"Ett mål anges som andel mellan 0 och 1 (t.ex. 0,70), inte {t}.");
            }
        }
        var rules = _rules.ForYear(year);
        var current = Compute(rules, rules.DefaultFailedSharePolicy);
        var changed = rules with
        {
            Conditions = rules.Conditions.Select(c => c.Type switch
            {
                ConditionType.Inclusion when scenario.InclusionThreshold is { } t => c with { Threshold = t },
                ConditionType.LeadTime when scenario.LeadTimeThreshold is { } t => c with { Threshold = t },
                _ => c,
            }).ToList(),
            Population = scenario.PopulationReferenceDate is { } d ? rules.Population with { ReferenceDate = d } : rules.Population,
            // Another population date applies to every payment, also those with a date of their own.
            Payments = scenario.PopulationReferenceDate is { } pd
                ? rules.Payments.Select(p => p.Population is null ? p : p with { Population = p.Population with { ReferenceDate = pd } }).ToList()
                : rules.Payments,
        };
        var alternative = Compute(changed, scenario.Policy ?? rules.DefaultFailedSharePolicy);
        var locked = LockedAtUtc(year) is null ? null : _decisions.Get(year, caller.UserId);
        var result = new WhatIfResult(year, scenario, current, alternative, Compare(rules, current, alternative, locked)) { Locked = locked };
        _scope.Audit(caller, "assessment.what_if", null, null,
            $"year {year}, {scenario.Describe()}: fingerprint {current.Fingerprint} -> {alternative.Fingerprint}, {result.ChangedOutcomes.Count} condition outcomes differ");
        return result;
    }

    /// <summary>The assessment, allocation, deviations, conclusions and fingerprint for these rules and policy (no audit).</summary>
    internal AssessmentRun Compute(AgreementRules rules, FailedSharePolicy policy, ILeadTimeFallback? fallback = null) =>
        AssessmentRun.Execute(_db, rules, _reference, _options, policy, fallback: fallback);

    /// <summary>
    /// Assesses the year from the data current now and locks the result as the year's payment decision (it never changes
    /// afterwards). Audited as "decision.locked"; refused if the year is already locked or no allocation can be computed.
    /// National analysts only.
    /// </summary>
    /// <param name="caller">A national analyst.</param>
    /// <param name="year">A year with rules.</param>
    /// <param name="policy">What happens to a failing region's share; null for the rules' default.</param>
    /// <param name="render">Gives the console text of the run, kept with the decision to be shown again exactly (optional).</param>
    /// <exception cref="AccessDeniedException">Not an analyst (audited as "decision.lock.denied").</exception>
    /// <exception cref="InvalidOperationException">Already locked, or no allocation (audited by the decision service).</exception>
    public LockedDecision Lock(Caller caller, int year, FailedSharePolicy? policy = null, Func<AssessmentRun, string>? render = null)
    {
        _scope.CheckCaller(caller, "decision.lock");
        _scope.Demand(caller.CanRunAssessment, caller, "decision.lock", null, null, $"{caller.RoleText} får inte låsa beslutet.");
        var rules = _rules.ForYear(year);
        return _decisions.Lock(rules, _reference, policy ?? rules.DefaultFailedSharePolicy, caller.UserId, render);
    }

    /// <summary>When the year's payment decision was locked (UTC), or null if it is not locked. Not audited: no result is read.</summary>
    public DateTime? LockedAtUtc(int year) => DecisionService.LockTimes(_db).TryGetValue(year, out var at) ? at : null;

    /// <summary>
    /// The notice shown with a submission's feedback when its year was locked before it arrived (Swedish), or null. It
    /// names only the year and the time of the lock, so whoever may see the feedback may see it.
    /// </summary>
    public string? AfterLockNotice(string period, DateTime receivedAtUtc) => DecisionService.AfterLockNotice(_db, period, receivedAtUtc);

    /// <summary>Of <paramref name="submissions"/>, the ids of those received after their year was locked (the history's "after lock" column).</summary>
    public IReadOnlySet<long> ReceivedAfterLock(IEnumerable<SubmissionInfo> submissions)
    {
        var locks = DecisionService.LockTimes(_db);
        return submissions.Where(s => DecisionService.IsAfterLock(locks, DecisionService.YearOf(s.Period), s.ReceivedAtUtc)).Select(s => s.Id).ToHashSet();
    }

    /// <summary>
    /// For outputs computed from current data (indicators): for each locked year among <paramref name="years"/>, when it was
    /// locked and which current submissions arrived after, so the figures are read as provisional. Only submissions of
    /// regions whose reporting the caller may see are counted and named (a region's user: its own region).
    /// </summary>
    /// <param name="caller">Whoever reads the figures.</param>
    /// <param name="periods">The periods of the figures shown ("2025-H1", "2025-03", ...).</param>
    public IReadOnlyList<string> LockNotices(Caller caller, IEnumerable<string> periods) =>
        DecisionService.LockNotices(_db, periods.Select(DecisionService.YearOf), region => caller.CanSeeReportingStatus(region, _reference));

    /// <summary>The locked decision's run, rebuilt from its record with the rules it was locked with (for printing a record stored without text).</summary>
    public static AssessmentRun RunOf(LockedDecision locked) => locked.Record.ToRun(DecisionService.InputsOf(locked).Rules);

    /// <summary>The year's locked payment decision exactly as locked, or null if the year is not locked. Analysts and ministry viewers; audited as "decision.read".</summary>
    /// <exception cref="AccessDeniedException">Anyone else (audited as "decision.read.denied").</exception>
    public LockedDecision? Locked(Caller caller, int year)
    {
        _scope.CheckCaller(caller, "decision.read");
        _scope.Demand(caller.CanSeeAssessmentResults, caller, "decision.read", null, null, $"{caller.RoleText} får inte se beslutet.");
        return _decisions.Get(year, caller.UserId);
    }

    /// <summary>Submissions and report versions for the year that arrived after it was locked (stored, not part of the decision). Analysts and ministry viewers.</summary>
    /// <exception cref="AccessDeniedException">Anyone else (audited as "decision.read.denied").</exception>
    public IReadOnlyList<InputChange> ArrivedAfterLock(Caller caller, int year)
    {
        _scope.CheckCaller(caller, "decision.read");
        _scope.Demand(caller.CanSeeAssessmentResults, caller, "decision.read", null, null, $"{caller.RoleText} får inte se beslutet.");
        return _decisions.ArrivedAfterLock(year);
    }

    /// <summary>Re-runs the locked decision from its record alone and says whether it gives identical results. Analysts only; audited as "decision.rerun".</summary>
    /// <exception cref="AccessDeniedException">Not an analyst (audited as "decision.rerun.denied").</exception>
    /// <exception cref="KeyNotFoundException">The year is not locked.</exception>
    public RerunResult Rerun(Caller caller, int year)
    {
        _scope.CheckCaller(caller, "decision.rerun");
        _scope.Demand(caller.CanRunAssessment, caller, "decision.rerun", null, null, $"{caller.RoleText} får inte räkna om beslutet.");
        return _decisions.Rerun(year, caller.UserId);
    }

    /// <summary>
    /// A run on the data current now compared with the locked decision: amounts per region and krona, changed outcomes, and the
    /// submissions and reports that differ. Analysts only; audited as "decision.diff".
    /// </summary>
    /// <exception cref="AccessDeniedException">Not an analyst (audited as "decision.diff.denied").</exception>
    /// <exception cref="KeyNotFoundException">The year is not locked.</exception>
    public DecisionDiff Diff(Caller caller, int year)
    {
        _scope.CheckCaller(caller, "decision.diff");
        _scope.Demand(caller.CanRunAssessment, caller, "decision.diff", null, null, $"{caller.RoleText} får inte jämföra med beslutet.");
        return _decisions.Diff(_rules.ForYear(year), _reference, caller.UserId);
    }

    private List<WhatIfRow> Compare(AgreementRules rules, AssessmentRun current, AssessmentRun alternative, LockedDecision? locked)
    {
        long? Locked(string region, string? payment) => locked is null ? null
            : locked.Record.Allocation.Where(r => r.RegionCode == region && (payment is null || r.PaymentId == payment)).Sum(r => r.Amount);
        var rows = new List<WhatIfRow>();
        foreach (var region in _reference.Regions)
        {
            long? curTotal = current.Allocation is null ? null : 0, altTotal = alternative.Allocation is null ? null : 0;
            long? curWithheld = curTotal, altWithheld = altTotal;
            foreach (var payment in rules.Payments)
            {
                var a = current.Allocation?.Rows.Single(r => r.RegionCode == region.Code && r.PaymentId == payment.Id);
                var b = alternative.Allocation?.Rows.Single(r => r.RegionCode == region.Code && r.PaymentId == payment.Id);
                var da = current.Assessment.Decisions.Single(d => d.RegionCode == region.Code && d.PaymentId == payment.Id);
                var db = alternative.Assessment.Decisions.Single(d => d.RegionCode == region.Code && d.PaymentId == payment.Id);
                rows.Add(new WhatIfRow(rules.Year, region.Code, region.Name, payment.Id, da.Outcome, db.Outcome, a?.Amount, b?.Amount,
                    b?.Amount - a?.Amount, a?.Withheld, b?.Withheld) { LockedAmount = Locked(region.Code, payment.Id) });
                curTotal += a?.Amount;
                altTotal += b?.Amount;
                curWithheld += a?.Withheld;
                altWithheld += b?.Withheld;
            }
            rows.Add(new WhatIfRow(rules.Year, region.Code, region.Name, "TOTAL", null, null, curTotal, altTotal, altTotal - curTotal, curWithheld, altWithheld)
                { LockedAmount = Locked(region.Code, null) });
        }
        return rows;
    }
}
