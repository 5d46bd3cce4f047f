using Svf.Assessment;
using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>Whether a condition is on track so far.</summary>
public enum OutlookStatus
{
    /// <summary>The figures so far meet the threshold.</summary>
    OnTrack,
    /// <summary>The figures so far are below the threshold.</summary>
    BehindTarget,
    /// <summary>No figure yet: no reported month of the period so far, no patients, or a missing new-cases figure.</summary>
    CannotTell,
}

/// <summary>Inclusion so far in the condition's period, over the months the region has reported.</summary>
/// <param name="ConditionId">The rules' condition id (e.g. inclusion).</param>
/// <param name="Period">The condition's period (e.g. 2026-H1).</param>
/// <param name="MonthsCounted">The months of the period that have begun and that the region's current pathway submissions cover.</param>
/// <param name="MonthsNotReported">Months of the period that have begun but that no current submission covers (not counted).</param>
/// <param name="Included">Pathways counted as included (numerator) in the months counted, pooled over the condition's SVF.</param>
/// <param name="NewCases">New cancer cases for the months counted (denominator; a year's or half-year's figure prorated by months).</param>
/// <param name="Rate">Included / new cases; null without a denominator.</param>
/// <param name="Threshold">The rules' threshold (0.70).</param>
/// <param name="MoreIncludedNeeded">How many more included pathways it would take, with the same new cases, to reach the threshold (0 when on track).</param>
/// <param name="SvfWithoutNewCases">SVF of the condition's list with no new-cases figure for some month counted: the rate cannot be judged until they are sent.</param>
public sealed record InclusionOutlook(
    string ConditionId,
    string Period,
    IReadOnlyList<string> MonthsCounted,
    IReadOnlyList<string> MonthsNotReported,
    long Included,
    double NewCases,
    double? Rate,
    decimal Threshold,
    OutlookStatus Status,
    long? MoreIncludedNeeded,
    IReadOnlyList<string> SvfWithoutNewCases);

/// <summary>One lead-time requirement so far: share of treated patients within the limit, over the months the region has reported.</summary>
/// <param name="WithinLimit">Treated within the limit (by month of treatment start) in the months counted.</param>
/// <param name="WithLimit">Treated with a defined limit in the months counted.</param>
/// <param name="Share">WithinLimit / WithLimit; null without patients.</param>
/// <param name="MoreWithinLimitNeeded">How many more of the patients so far would have had to be treated within the limit to meet the threshold (0 when on track).</param>
public sealed record LeadTimeOutlook(
    string ConditionId,
    string Name,
    string Svf,
    IReadOnlyList<string> IcdPrefixes,
    string Period,
    IReadOnlyList<string> MonthsCounted,
    long WithinLimit,
    long WithLimit,
    double? Share,
    decimal Threshold,
    OutlookStatus Status,
    long? MoreWithinLimitNeeded);

/// <summary>A region's early warning for the year: inclusion and each lead-time requirement so far, with the rules' caveats.</summary>
public sealed record EarlyWarning(
    int Year,
    string RegionCode,
    string RegionName,
    DateOnly AsOf,
    InclusionOutlook? Inclusion,
    IReadOnlyList<LeadTimeOutlook> LeadTimes,
    IReadOnlyList<string> Caveats);

/// <summary>
/// Early warning for a region: whether it is on track for this year's conditions so far, from the data it has sent. Uses the same
/// definitions as the assessment (pooled inclusion over the condition's SVF list; within-limit share by SVF and ICD-10 prefix) but
/// over the months of the condition's period that have begun and that the region has reported.
/// </summary>
public sealed class EarlyWarningUseCases
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly AgreementRulesCatalog _rules;
    private readonly IndicatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly Scope _scope;

    /// <param name="db">The database (migrated).</param>
    /// <param name="reference">The configured reference data.</param>
    /// <param name="rules">The configured rules (the year's thresholds and periods).</param>
    /// <param name="options">Indicator options (inclusion numerator, limit date).</param>
    /// <param name="clock">"Today" (Swedish date) when no date is given.</param>
    public EarlyWarningUseCases(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, IndicatorOptions options, TimeProvider clock)
    {
        _db = db;
        _reference = reference;
        _rules = rules;
        _options = options;
        _clock = clock;
        _scope = new Scope(db, reference);
    }

    /// <summary>The region's outlook for the year of <paramref name="asOf"/> (default: today, Swedish time). Audited as "early_warning.read".</summary>
    /// <param name="caller">The region's reporter, its RCC coordinator or an analyst.</param>
    /// <param name="regionCode">The region.</param>
    /// <param name="asOf">The date "so far" ends; its year picks the rules.</param>
    /// <exception cref="KeyNotFoundException">No rules for the year.</exception>
    /// <exception cref="AccessDeniedException">Another region, or a ministry viewer or administrator (audited as "early_warning.denied").</exception>
    public EarlyWarning ForRegion(Caller caller, string regionCode, DateOnly? asOf = null)
    {
        var region = _scope.Region(regionCode);
        _scope.CheckCaller(caller, "early_warning");
        _scope.Demand(caller.CanSeeReportingStatus(region, _reference), caller, "early_warning", region, null,
            $"{caller.RoleText} får inte se prognosen för region {region}.");
        var today = asOf ?? SwedishTime.Today(_clock);
        var rules = _rules.ForYear(today.Year);
        var covered = CoveredMonths(region);
        var inclusion = rules.Conditions.FirstOrDefault(c => c.Type == ConditionType.Inclusion) is { } ic ? Inclusion(ic, region, today, covered) : null;
        var leadTimes = rules.Conditions.Where(c => c.Type == ConditionType.LeadTime).Select(c => LeadTime(c, region, today, covered)).ToList();
        var result = new EarlyWarning(rules.Year, region, _reference.RegionsByCode[region].Name, today, inclusion, leadTimes, rules.ProvisionalParameters());
        _scope.Audit(caller, "early_warning.read", region, null,
            $"{rules.Year} per {Svf.Output.IsoDate.ToText(today)}: inklusion {inclusion?.Status.ToString() ?? "-"}, ledtider {string.Join(",", leadTimes.Select(l => $"{l.ConditionId}={l.Status}"))}");
        return result;
    }

    private HashSet<ReportingPeriod> CoveredMonths(string region)
    {
        using var c = _db.OpenConnection();
        return SubmissionStore.Current(c, null, region, SubmissionKind.Pathways)
            .SelectMany(s => ReportingPeriod.TryParse(s.Period, out var p) ? p.MonthsWithin() : [])
            .ToHashSet();
    }

    private static (List<ReportingPeriod> Counted, List<ReportingPeriod> Missing) Months(ConditionRule c, DateOnly today, HashSet<ReportingPeriod> covered)
    {
        var begun = ReportingPeriod.Parse(c.Period!).MonthsWithin().Where(m => m.Start <= today).ToList();
        return (begun.Where(covered.Contains).ToList(), begun.Where(m => !covered.Contains(m)).ToList());
    }

    private InclusionOutlook Inclusion(ConditionRule c, string region, DateOnly today, HashSet<ReportingPeriod> covered)
    {
        var (counted, missing) = Months(c, today, covered);
        var listed = c.SvfCodes.Count > 0 ? c.SvfCodes.Select(s => _reference.SvfsByCode[s]) : _reference.SvfsIntroducedBefore(c.SvfIntroducedBefore ?? int.MaxValue);
        var scope = listed.Where(s => s.HasIcdList).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var months = counted.Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
        var rows = new IndicatorEngine(_reference, _options)
            .Compute(IndicatorSource.Pathways(_db, region), IndicatorSource.NewCases(_db, region), new IndicatorQuery(PeriodKind.Month, ReportingPeriod.Parse(c.Period!)))
            .Where(r => r.Level == "region" && r.UnitCode == region && r.Sex == IndicatorEngine.BothSexes && months.Contains(r.Period) && scope.Contains(r.Svf))
            .ToList();
        // An SVF lacks a denominator unless every month counted has one: a partial one would overstate the rate.
        var withoutNewCases = scope.Where(svf => counted.Any(m => !rows.Any(r => r.Svf == svf && r.Period == m.ToString() && r.InclusionDenominator is not null)))
            .Order(StringComparer.Ordinal).ToList();
        var included = rows.Sum(r => r.InclusionNumerator ?? 0);
        var newCases = Math.Round(rows.Sum(r => r.InclusionDenominator ?? 0), 6);
        var threshold = c.Threshold!.Value;
        if (counted.Count == 0 || withoutNewCases.Count > 0 || newCases <= 0)
        {
            return new InclusionOutlook(c.Id, c.Period!, Names(counted), Names(missing), included, newCases, newCases > 0 ? included / newCases : null, threshold,
                OutlookStatus.CannotTell, null, withoutNewCases);
        }
        // Compared exactly as the assessment does: included >= threshold × new cases.
        var target = threshold * (decimal)newCases;
        var more = (long)Math.Max(0m, Math.Ceiling(target - included));
        return new InclusionOutlook(c.Id, c.Period!, Names(counted), Names(missing), included, newCases, included / newCases, threshold,
            more == 0 ? OutlookStatus.OnTrack : OutlookStatus.BehindTarget, more, []);
    }

    private LeadTimeOutlook LeadTime(ConditionRule c, string region, DateOnly today, HashSet<ReportingPeriod> covered)
    {
        var (counted, _) = Months(c, today, covered);
        var months = counted.Select(m => m.ToString()).ToHashSet(StringComparer.Ordinal);
        var facts = LeadTimeFacts.Read(_db, c.Svf!, c.IcdPrefixes).Where(f => f.RegionCode == region);
        var rows = new IndicatorEngine(_reference, _options)
            .Compute(facts, [], new IndicatorQuery(PeriodKind.Month, ReportingPeriod.Parse(c.Period!)))
            .Where(r => r.Level == "region" && r.UnitCode == region && r.Svf == c.Svf && r.Sex == IndicatorEngine.BothSexes && months.Contains(r.Period))
            .ToList();
        var within = rows.Sum(r => r.WithinLimit ?? 0);
        var n = rows.Sum(r => r.WithLimit ?? 0);
        var threshold = c.Threshold!.Value;
        if (n == 0)
        {
            return new LeadTimeOutlook(c.Id, c.NameSv, c.Svf!, c.IcdPrefixes, c.Period!, Names(counted), 0, 0, null, threshold, OutlookStatus.CannotTell, null);
        }
        var more = (long)Math.Max(0m, Math.Ceiling(threshold * n - within));
        return new LeadTimeOutlook(c.Id, c.NameSv, c.Svf!, c.IcdPrefixes, c.Period!, Names(counted), within, n, (double)within / n, threshold,
            more == 0 ? OutlookStatus.OnTrack : OutlookStatus.BehindTarget, more);
    }

    private static List<string> Names(IEnumerable<ReportingPeriod> months) => months.Select(m => m.ToString()).ToList();
}
