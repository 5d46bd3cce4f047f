using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Assessment;

/// <summary>
/// Turns payment decisions into kronor per region: payment 1 to all regions by population, conditional payments to the
/// qualifying regions, with a failing region's share either redistributed (by population among those who qualify) or
/// withheld. Every payment sums exactly to its amount (paid + withheld), by <see cref="LargestRemainder"/>.
/// </summary>
public static class Allocator
{
    public sealed record Result(IReadOnlyList<AllocationRow> Rows, IReadOnlyList<AllocationSubtotal> Subtotals, FailedSharePolicy Policy);

    public static Result Allocate(AssessmentResult assessment, ReferenceDataSet reference, FailedSharePolicy policy)
    {
        var rules = assessment.Rules;
        var date = rules.Population.ReferenceDate;
        var missing = reference.Regions.Where(r => r.PopulationAt(date) is null).Select(r => $"{r.Code} {r.Name}").ToList();
        if (missing.Count > 0)
        {
            throw new AllocationUnavailableException(
                $"Allocation for {rules.Year} cannot be computed: regioner.csv has no population at {date:yyyy-MM-dd} for {string.Join(", ", missing)}. " +
                "Add the figures (a data change) or change population.reference_date in the rules file.");
        }
        var regions = reference.Regions;
        var population = regions.Select(r => r.PopulationAt(date)!.Value).ToArray();
        var codes = regions.Select(r => r.Code).ToArray();
        var rows = new List<AllocationRow>();
        foreach (var payment in rules.Payments)
        {
            var decisions = regions.Select(r => assessment.Decisions.Single(d => d.PaymentId == payment.Id && d.RegionCode == r.Code)).ToArray();
            long[] amounts;
            long[] withheld;
            if (policy == FailedSharePolicy.Withhold || payment.Eligibility == PaymentEligibility.AllRegions)
            {
                var shares = LargestRemainder.Split(payment.Amount, population, codes);
                amounts = shares.Select((a, i) => decisions[i].Qualifies ? a : 0).ToArray();
                withheld = shares.Select((a, i) => decisions[i].Qualifies ? 0 : a).ToArray();
            }
            else
            {
                // A region that cannot be assessed yet keeps its place: its share is held back (as withheld) rather than
                // redistributed, so the others' amounts do not change when its data arrives and it qualifies.
                var weights = population.Select((p, i) => decisions[i].Outcome == ConditionOutcome.NotMet ? 0 : p).ToArray();
                if (weights.All(w => w == 0))
                {
                    // Nobody qualifies: nothing can be redistributed, the whole payment is withheld.
                    amounts = new long[regions.Count];
                    withheld = LargestRemainder.Split(payment.Amount, population, codes);
                }
                else
                {
                    var shares = LargestRemainder.Split(payment.Amount, weights, codes);
                    amounts = shares.Select((a, i) => decisions[i].Qualifies ? a : 0).ToArray();
                    withheld = shares.Select((a, i) => decisions[i].Qualifies ? 0 : a).ToArray();
                }
            }
            for (var i = 0; i < regions.Count; i++)
            {
                rows.Add(new AllocationRow
                {
                    Year = rules.Year, PaymentId = payment.Id, PaymentName = payment.NameSv, RegionCode = regions[i].Code, RegionName = regions[i].Name,
                    RccCode = regions[i].RccCode, Population = population[i], PopulationReferenceDate = date, Eligibility = decisions[i].Outcome,
                    Amount = amounts[i], Withheld = withheld[i], Policy = policy,
                    Provisional = rules.Population.Provisional || payment.Provisional || payment.Conditions.Any(c => rules.Condition(c).Provisional),
                });
            }
        }
        var subtotals = rows.GroupBy(r => (r.PaymentId, r.RccCode))
            .Select(g => new AllocationSubtotal(rules.Year, g.Key.PaymentId, g.Key.RccCode, g.Sum(r => r.Amount), g.Sum(r => r.Withheld), g.Count(r => r.Amount > 0), policy, g.Any(r => r.Provisional)))
            .Concat(rows.GroupBy(r => r.PaymentId)
                .Select(g => new AllocationSubtotal(rules.Year, g.Key, "SE", g.Sum(r => r.Amount), g.Sum(r => r.Withheld), g.Count(r => r.Amount > 0), policy, g.Any(r => r.Provisional))))
            .ToList();
        return new Result(rows, subtotals, policy);
    }
}

public sealed class AllocationUnavailableException(string message) : Exception(message);
