using System.Security.Cryptography;
using System.Text.Json;
using Svf.Assessment;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Reports;
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

    /// <summary>Another population reference date (must exist in regioner.csv for all 21 regions, or there is no allocation).</summary>
    public DateOnly? PopulationReferenceDate { get; init; }

    /// <summary>In words, for the audit log and page titles.</summary>
    public string Describe() => string.Join(", ", new[]
    {
        InclusionThreshold is { } i ? $"inklusionsmål {i:0.###}" : null,
        LeadTimeThreshold is { } l ? $"ledtidskrav {l:0.###}" : null,
        Policy is { } p ? $"policy {p}" : null,
        PopulationReferenceDate is { } d ? $"befolkning per {d:yyyy-MM-dd}" : null,
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
    long? ScenarioWithheld);

/// <summary>A current run and a what-if run side by side, region by region and krona by krona.</summary>
/// <param name="Scenario">What was changed.</param>
/// <param name="Current">The assessment under the year's rules (and the rules' default policy).</param>
/// <param name="Alternative">The assessment under the scenario.</param>
/// <param name="Rows">Per region: one row per payment and one "TOTAL" row, in region order.</param>
public sealed record WhatIfResult(int Year, WhatIfScenario Scenario, AssessmentRun Current, AssessmentRun Alternative, IReadOnlyList<WhatIfRow> Rows)
{
    /// <summary>Regions whose outcome of some condition differs between the two runs.</summary>
    public IReadOnlyList<(string RegionCode, string ConditionId, ConditionOutcome Current, ConditionOutcome Scenario)> ChangedOutcomes =>
        Current.Assessment.Conditions.Join(Alternative.Assessment.Conditions, c => (c.RegionCode, c.ConditionId), c => (c.RegionCode, c.ConditionId),
                (a, b) => (a.RegionCode, a.ConditionId, a.Outcome, b.Outcome))
            .Where(x => x.Item3 != x.Item4).ToList();
}

/// <summary>
/// Assessment of a year's second-payment conditions: the run money is decided on (analysts; audited with its fingerprint), the
/// results for viewing (analysts and the ministry), and what-if runs under another threshold, policy or population date.
/// </summary>
public sealed class AssessmentUseCases
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly AgreementRulesCatalog _rules;
    private readonly IndicatorOptions _options;
    private readonly Scope _scope;

    /// <param name="db">The database (migrated).</param>
    /// <param name="reference">The configured reference data (populations for the allocation).</param>
    /// <param name="rules">The configured rules.</param>
    /// <param name="options">Indicator options (confidence level of the intervals).</param>
    public AssessmentUseCases(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, IndicatorOptions options)
    {
        _db = db;
        _reference = reference;
        _rules = rules;
        _options = options;
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
        _scope.Audit(caller, "assessment.run", null, null,
            $"year {rules.Year}, policy {run.Policy}, {run.Assessment.Decisions.Count(d => d.Qualifies)} payment decisions met, " +
            $"allocation {(run.Allocation is null ? "not computed" : "computed")}, result fingerprint {run.Fingerprint}");
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
            // The scenario's date replaces the year's date and every payment's own date (2025: payment 2 used Sep 2025 figures).
            Population = scenario.PopulationReferenceDate is { } d ? rules.Population with { ReferenceDate = d } : rules.Population,
            Payments = scenario.PopulationReferenceDate is { } pd
                ? rules.Payments.Select(p => p.Population is null ? p : p with { Population = p.Population with { ReferenceDate = pd } }).ToList()
                : rules.Payments,
        };
        var alternative = Compute(changed, scenario.Policy ?? rules.DefaultFailedSharePolicy);
        var result = new WhatIfResult(year, scenario, current, alternative, Compare(rules, current, alternative));
        _scope.Audit(caller, "assessment.what_if", null, null,
            $"year {year}, {scenario.Describe()}: fingerprint {current.Fingerprint} -> {alternative.Fingerprint}, {result.ChangedOutcomes.Count} condition outcomes differ");
        return result;
    }

    /// <summary>The assessment, allocation, deviations, conclusions and fingerprint for these rules and policy (no audit).</summary>
    internal AssessmentRun Compute(AgreementRules rules, FailedSharePolicy policy, ILeadTimeFallback? fallback = null)
    {
        return AssessmentRun.Execute(_db, rules, _reference, _options, policy, fallback: fallback);
    }

    private List<WhatIfRow> Compare(AgreementRules rules, AssessmentRun current, AssessmentRun alternative)
    {
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
                    b?.Amount - a?.Amount, a?.Withheld, b?.Withheld));
                curTotal += a?.Amount;
                altTotal += b?.Amount;
                curWithheld += a?.Withheld;
                altWithheld += b?.Withheld;
            }
            rows.Add(new WhatIfRow(rules.Year, region.Code, region.Name, "TOTAL", null, null, curTotal, altTotal, altTotal - curTotal, curWithheld, altWithheld));
        }
        return rows;
    }
}
