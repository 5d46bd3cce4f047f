using System.Globalization;
using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Assessment;

/// <summary>
/// Applies one year's rules to every region: each condition met / not met / cannot be assessed, with evidence computed
/// from the submitted data and the submitted yearly reports, and from that whether the region qualifies for each payment.
/// </summary>
public sealed class PaymentAssessor(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options, ILeadTimeFallback? fallback = null)
{
    private static readonly CultureInfo Sv = Svf.Output.SwedishFormat.Culture;

    /// <summary>Assesses the year from the current data, or, given <paramref name="inputs"/>, from exactly those submission and report versions.</summary>
    public AssessmentResult Assess(AgreementRules rules, AssessmentInputs? inputs = null)
    {
        var engine = new IndicatorEngine(reference, options);
        var ids = inputs?.SubmissionIds;
        var monthly = engine.Aggregate(IndicatorSource.Pathways(db, null, ids), IndicatorSource.NewCases(db, null, ids));
        var reports = inputs is null ? RegionReportStore.History(db, rules.Year) : inputs.ReportsOf(db, rules.Year);
        // Each inclusion condition has its own period and SVF list; the first one is the region's "computed inclusion" for the report checks.
        var inclusion = rules.Conditions.Where(c => c.Type == ConditionType.Inclusion).ToDictionary(c => c.Id, c => Inclusion(engine, monthly, c));
        var firstInclusion = inclusion.Values.FirstOrDefault() ?? [];
        var computedInclusion = reference.Regions.ToDictionary(r => r.Code, r => firstInclusion.GetValueOrDefault(r.Code)?.Rate);
        var covered = CoveredMonths(inputs);

        var results = new List<ConditionResult>();
        foreach (var condition in rules.Conditions)
        {
            var leadTimes = condition.Type == ConditionType.LeadTime ? LeadTimes(engine, condition, ids) : null;
            foreach (var region in reference.Regions)
            {
                var regionReports = reports.Where(r => r.RegionCode == region.Code).ToList();
                var gap = condition.Type is ConditionType.Inclusion or ConditionType.LeadTime
                    ? ReportingPeriod.Parse(condition.Period!).MonthsWithin().Where(m => !covered[region.Code].Contains(m)).ToList()
                    : [];
                var result = gap.Count > 0 ? NotCovered(rules, condition, region, gap) : condition.Type switch
                {
                    ConditionType.Inclusion => InclusionResult(rules, condition, region, inclusion[condition.Id].GetValueOrDefault(region.Code)),
                    ConditionType.PremInUse => PremResult(rules, condition, region, regionReports),
                    ConditionType.ReportOnTime => ReportResult(rules, condition, region, regionReports, computedInclusion.GetValueOrDefault(region.Code)),
                    _ => LeadTimeResult(rules, condition, region, leadTimes!.FirstOrDefault(r => r.UnitCode == region.Code)),
                };
                if (fallback is not null && condition.Type == ConditionType.LeadTime && result.Outcome == ConditionOutcome.CannotAssess)
                {
                    result = fallback.Assess(rules, condition, region, result) ?? result;
                }
                results.Add(result);
            }
        }

        var decisions = new List<PaymentDecision>();
        foreach (var payment in rules.Payments)
        {
            foreach (var region in reference.Regions)
            {
                if (payment.Eligibility == PaymentEligibility.AllRegions)
                {
                    decisions.Add(new PaymentDecision(payment.Id, region.Code, ConditionOutcome.Met, [], []));
                    continue;
                }
                var own = results.Where(r => r.RegionCode == region.Code && payment.Conditions.Contains(r.ConditionId)).ToList();
                var failed = own.Where(r => r.Outcome == ConditionOutcome.NotMet).Select(r => r.ConditionId).ToList();
                var unassessed = own.Where(r => r.Outcome == ConditionOutcome.CannotAssess).Select(r => r.ConditionId).ToList();
                var outcome = failed.Count > 0 ? ConditionOutcome.NotMet : unassessed.Count > 0 ? ConditionOutcome.CannotAssess : ConditionOutcome.Met;
                decisions.Add(new PaymentDecision(payment.Id, region.Code, outcome, failed, unassessed));
            }
        }
        return new AssessmentResult(rules, results, decisions, computedInclusion);
    }

    /// <summary>The months each region's current pathway submissions cover: a condition on a period it has not fully reported cannot be judged.</summary>
    private Dictionary<string, HashSet<ReportingPeriod>> CoveredMonths(AssessmentInputs? inputs)
    {
        IEnumerable<(string Region, string Period)> periods;
        if (inputs is null)
        {
            using var c = db.OpenConnection();
            periods = SubmissionStore.Current(c, null, SubmissionKind.Pathways).Select(s => (s.RegionCode, s.Period)).ToList();
        }
        else
        {
            periods = inputs.Submissions.Where(s => s.Kind == SubmissionKind.Pathways).Select(s => (s.RegionCode, s.Period));
        }
        var list = periods.ToList();
        return reference.Regions.ToDictionary(r => r.Code, r => list.Where(s => s.Region == r.Code)
            .SelectMany(s => ReportingPeriod.TryParse(s.Period, out var p) ? p.MonthsWithin() : [])
            .ToHashSet());
    }

    private static ConditionResult NotCovered(AgreementRules rules, ConditionRule c, Region region, List<ReportingPeriod> gap)
    {
        var months = gap.Count > 3 ? $"{gap[0]}–{gap[^1]}" : string.Join(", ", gap);
        return Base(rules, c, region) with
        {
            Threshold = c.Threshold is { } t ? (double)t : null,
            Evidence = $"inrapporterade förlopp täcker inte hela {c.Period} (saknas: {months})",
            Reason = $"förlopp saknas för {months}",
        };
    }

    private sealed record InclusionFigures(double Numerator, double Denominator, long Started, IReadOnlyList<string> SvfWithoutDenominator)
    {
        public double? Rate => Denominator > 0 ? Numerator / Denominator : null;
    }

    /// <summary>Inclusion per region for the condition's period, pooled over the condition's SVF list (Bilaga 3) that have a diagnosis group.</summary>
    private Dictionary<string, InclusionFigures> Inclusion(IndicatorEngine engine, MonthlyCells monthly, ConditionRule condition)
    {
        var period = ReportingPeriod.Parse(condition.Period!);
        var listed = condition.SvfCodes.Count > 0 ? condition.SvfCodes.Select(c => reference.SvfsByCode[c]) : reference.SvfsIntroducedBefore(condition.SvfIntroducedBefore ?? int.MaxValue);
        var scope = listed.Where(s => s.HasIcdList).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var rows = engine.Compute(monthly, new IndicatorQuery(period.Kind, period))
            .Where(r => r.Level == "region" && r.Sex == IndicatorEngine.BothSexes && r.Period == period.ToString())
            .ToList();
        return rows.GroupBy(r => r.UnitCode).ToDictionary(g => g.Key, g =>
        {
            var withDenominator = g.Where(r => scope.Contains(r.Svf) && r.InclusionDenominator is not null).ToList();
            return new InclusionFigures(
                withDenominator.Sum(r => (double)(r.InclusionNumerator ?? 0)),
                Math.Round(withDenominator.Sum(r => r.InclusionDenominator!.Value), 6),
                g.Single(r => r.Svf == IndicatorEngine.AllSvf).Started ?? 0,
                scope.Except(withDenominator.Select(r => r.Svf)).Order(StringComparer.Ordinal).ToList());
        });
    }

    private ConditionResult InclusionResult(AgreementRules rules, ConditionRule c, Region region, InclusionFigures? f)
    {
        var threshold = (double)c.Threshold!.Value;
        var baseResult = Base(rules, c, region) with { Threshold = threshold };
        if (f is null || f.Started == 0)
        {
            return baseResult with { Outcome = ConditionOutcome.CannotAssess, Evidence = $"inga inrapporterade förlopp för {c.Period}", Reason = "inga inrapporterade förlopp för perioden" };
        }
        if (f.Rate is not { } rate)
        {
            return baseResult with { Outcome = ConditionOutcome.CannotAssess, Evidence = $"antal nya cancerfall saknas för {c.Period}", Reason = "antal nya cancerfall (nämnaren) saknas för perioden" };
        }
        if (f.SvfWithoutDenominator.Count > 0)
        {
            // Leaving out an SVF's figure must not be a way to pass: the pooled rate is only assessed over the whole list.
            var missing = string.Join(", ", f.SvfWithoutDenominator);
            return baseResult with
            {
                Outcome = ConditionOutcome.CannotAssess, Value = rate, Numerator = f.Numerator, Denominator = f.Denominator,
                Evidence = string.Create(Sv, $"inklusion {Pct(rate)} utan {f.SvfWithoutDenominator.Count} SVF, {c.Period}; antal nya cancerfall saknas för {missing}"),
                Reason = $"antal nya cancerfall saknas för {missing}",
            };
        }
        var ci = Statistics.Wilson(f.Numerator, f.Denominator, options.ConfidenceZ);
        // Compared exactly and unrounded: numerator >= threshold × denominator.
        var met = (decimal)f.Numerator >= c.Threshold.Value * (decimal)f.Denominator;
        return baseResult with
        {
            Outcome = met ? ConditionOutcome.Met : ConditionOutcome.NotMet,
            Value = rate, Numerator = f.Numerator, Denominator = f.Denominator, CiLow = ci?.Low, CiHigh = ci?.High,
            Evidence = string.Create(Sv, $"inklusion {Pct(rate)}{Ci(ci)} ({f.Numerator:N0} av {f.Denominator:N1}), mål {Pct(threshold)}, {c.Period}"),
            Reason = met ? null : string.Create(Sv, $"{(threshold - rate) * 100:0.00} procentenheter under målet"),
        };
    }

    private static ConditionResult PremResult(AgreementRules rules, ConditionRule c, Region region, List<StoredReport> reports)
    {
        var latest = reports.LastOrDefault(r => r.Status == ReportStatus.Submitted);
        var baseResult = Base(rules, c, region);
        return latest?.Content.Prem?.InUse switch
        {
            true => baseResult with { Outcome = ConditionOutcome.Met, Evidence = $"PREM används (redovisning version {latest.VersionNumber})" },
            false => baseResult with { Outcome = ConditionOutcome.NotMet, Evidence = $"PREM används inte enligt redovisning version {latest.VersionNumber}", Reason = "PREM används inte" },
            _ => baseResult with
            {
                Outcome = ConditionOutcome.CannotAssess,
                Evidence = latest is null ? "ingen redovisning inkommen" : "redovisningen anger inte om PREM används",
                Reason = latest is null ? "ingen redovisning inkommen" : "uppgift om PREM saknas i redovisningen",
            },
        };
    }

    private ConditionResult ReportResult(AgreementRules rules, ConditionRule c, Region region, List<StoredReport> reports, double? computedInclusion)
    {
        var deadline = c.Deadline!.Value;
        var baseResult = Base(rules, c, region);
        var submitted = reports.Where(r => r.Status == ReportStatus.Submitted).ToList();
        if (submitted.Count == 0)
        {
            return baseResult with { Outcome = ConditionOutcome.NotMet, Evidence = $"ingen redovisning inkommen (sista dag {Svf.Output.IsoDate.ToText(deadline)})", Reason = "ingen redovisning inkommen" };
        }
        bool Complete(StoredReport r) => !ReportCompleteness.Check(r.Content, rules, reference, computedInclusion).Any(f => f.MakesIncomplete);
        var onTimeComplete = submitted.FirstOrDefault(r => Deadlines.IsOnTime(r.SavedAtUtc, deadline) && Complete(r));
        if (onTimeComplete is not null)
        {
            var date = Deadlines.SwedishDate(onTimeComplete.SavedAtUtc);
            return baseResult with
            {
                Outcome = ConditionOutcome.Met, ReceivedDate = date, DaysLate = 0,
                Evidence = $"redovisning enligt mall inkom {Svf.Output.IsoDate.ToText(date)} (version {onTimeComplete.VersionNumber}), sista dag {Svf.Output.IsoDate.ToText(deadline)}",
            };
        }
        var firstComplete = submitted.FirstOrDefault(Complete);
        if (firstComplete is not null)
        {
            var date = Deadlines.SwedishDate(firstComplete.SavedAtUtc);
            var late = Deadlines.DaysLate(firstComplete.SavedAtUtc, deadline);
            return baseResult with
            {
                Outcome = ConditionOutcome.NotMet, ReceivedDate = date, DaysLate = late,
                Evidence = $"komplett redovisning inkom {Svf.Output.IsoDate.ToText(date)}, {late} dagar efter sista dag {Svf.Output.IsoDate.ToText(deadline)}",
                Reason = $"{late} dagar för sent",
            };
        }
        var first = submitted[0];
        return baseResult with
        {
            Outcome = ConditionOutcome.NotMet, ReceivedDate = Deadlines.SwedishDate(first.SavedAtUtc),
            DaysLate = Deadlines.DaysLate(first.SavedAtUtc, deadline),
            Evidence = $"redovisning inkom {Svf.Output.IsoDate.ToText(Deadlines.SwedishDate(first.SavedAtUtc))} men är inte komplett enligt mallen",
            Reason = "redovisningen är inte komplett enligt mallen",
        };
    }

    private List<IndicatorRow> LeadTimes(IndicatorEngine engine, ConditionRule c, IReadOnlyCollection<long>? submissionIds)
    {
        var period = ReportingPeriod.Parse(c.Period!);
        return engine.Compute(LeadTimeFacts.Read(db, c.Svf!, c.IcdPrefixes, submissionIds), [], new IndicatorQuery(period.Kind, period))
            .Where(r => r.Level == "region" && r.Svf == c.Svf && r.Sex == IndicatorEngine.BothSexes && r.Period == period.ToString())
            .ToList();
    }

    private static ConditionResult LeadTimeResult(AgreementRules rules, ConditionRule c, Region region, IndicatorRow? row)
    {
        var threshold = (double)c.Threshold!.Value;
        var baseResult = Base(rules, c, region) with { Threshold = threshold };
        if (row is null || (row.Treated ?? 0) == 0)
        {
            return baseResult with { Outcome = ConditionOutcome.CannotAssess, Evidence = $"inga behandlade patienter {c.Period}", Reason = "inga behandlade patienter under perioden" };
        }
        if ((row.WithLimit ?? 0) == 0)
        {
            return baseResult with { Outcome = ConditionOutcome.CannotAssess, Evidence = "ingen ledtid definierad för de behandlingar som givits", Reason = "ingen ledtid definierad" };
        }
        var within = row.WithinLimit!.Value;
        var n = row.WithLimit!.Value;
        var share = (double)within / n;
        var met = within >= c.Threshold.Value * n;
        var superseded = (row.LimitSuperseded ?? 0) > 0 ? $"; {row.LimitSuperseded} mätta mot ersatt ledtid" : "";
        return baseResult with
        {
            Outcome = met ? ConditionOutcome.Met : ConditionOutcome.NotMet,
            Value = share, Numerator = within, Denominator = n, CiLow = row.WithinLimitCiLow, CiHigh = row.WithinLimitCiHigh,
            Evidence = string.Create(Sv, $"inom ledtid {Pct(share)}{CiOf(row.WithinLimitCiLow, row.WithinLimitCiHigh)} ({within:N0} av {n:N0}), krav {Pct(threshold)}, {c.Period}{superseded}"),
            Reason = met ? null : string.Create(Sv, $"{(threshold - share) * 100:0.00} procentenheter under kravet"),
        };
    }

    private static ConditionResult Base(AgreementRules rules, ConditionRule c, Region region) => new()
    {
        Year = rules.Year, RegionCode = region.Code, RegionName = region.Name, ConditionId = c.Id, ConditionName = c.NameSv,
        Outcome = ConditionOutcome.CannotAssess, Evidence = "", Provisional = c.Provisional,
    };

    private static string Pct(double share) => Svf.Output.SwedishFormat.Percent(share);

    private static string Ci((double Low, double High)? ci) =>
        ci is { } v ? " " + Svf.Output.SwedishFormat.PercentInterval(v.Low, v.High) : "";

    private static string CiOf(double? low, double? high) => low is { } l && high is { } h ? Ci((l, h)) : "";
}
