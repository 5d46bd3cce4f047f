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
        var regions = reference.Regions;
        var codes = regions.Select(r => r.Code).ToArray();
        var rows = new List<AllocationRow>();
        foreach (var payment in rules.Payments)
        {
            var basis = rules.PopulationOf(payment);
            var date = basis.ReferenceDate;
            var decisions = regions.Select(r => assessment.Decisions.Single(d => d.PaymentId == payment.Id && d.RegionCode == r.Code)).ToArray();
            // A figure is needed only where it weighs: under redistribute a region that does not qualify has weight 0, so the
            // government's table of the qualifying regions' figures is enough (the 2025 payment 2 precedent).
            var splitOverAll = policy == FailedSharePolicy.Withhold || payment.Eligibility == PaymentEligibility.AllRegions
                || decisions.All(d => d.Outcome == ConditionOutcome.NotMet);
            var needed = regions.Select((r, i) => splitOverAll || decisions[i].Outcome != ConditionOutcome.NotMet).ToArray();
            var missing = regions.Where((r, i) => needed[i] && r.PopulationAt(date) is null).Select(r => $"{r.Code} {r.Name}").ToList();
            if (missing.Count > 0)
            {
                throw new AllocationUnavailableException(
                    $"Fördelningen {rules.Year} kan inte beräknas: {payment.Id} ({payment.NameSv}) fördelas efter befolkningen per {Svf.Output.IsoDate.ToText(date)}, " +
                    $"och regioner.csv saknar den för {string.Join(", ", missing)}. " +
                    "Lägg till siffrorna (en dataändring) eller ändra befolkningsdatumet i reglerna.");
            }
            var population = regions.Select(r => r.PopulationAt(date) ?? 0).ToArray();
            long[] amounts;
            long[] withheld;
            if (splitOverAll)
            {
                // Nobody qualifies (redistribute): nothing can be redistributed, the whole payment is withheld by population.
                var shares = LargestRemainder.Split(payment.Amount, population, codes);
                amounts = shares.Select((a, i) => decisions[i].Qualifies ? a : 0).ToArray();
                withheld = shares.Select((a, i) => decisions[i].Qualifies ? 0 : a).ToArray();
            }
            else
            {
                // A region that cannot be assessed yet keeps its place: its share is held back (as withheld) rather than
                // redistributed, so the others' amounts do not change when its data arrives and it qualifies.
                var weights = population.Select((p, i) => decisions[i].Outcome == ConditionOutcome.NotMet ? 0 : p).ToArray();
                var shares = LargestRemainder.Split(payment.Amount, weights, codes);
                amounts = shares.Select((a, i) => decisions[i].Qualifies ? a : 0).ToArray();
                withheld = shares.Select((a, i) => decisions[i].Qualifies ? 0 : a).ToArray();
            }
            for (var i = 0; i < regions.Count; i++)
            {
                rows.Add(new AllocationRow
                {
                    Year = rules.Year, PaymentId = payment.Id, PaymentName = payment.NameSv, RegionCode = regions[i].Code, RegionName = regions[i].Name,
                    RccCode = regions[i].RccCode, Population = regions[i].PopulationAt(date), PopulationReferenceDate = date, Eligibility = decisions[i].Outcome,
                    Amount = amounts[i], Withheld = withheld[i], Policy = policy,
                    Provisional = basis.Provisional || payment.Provisional || payment.Conditions.Any(c => rules.Condition(c).Provisional),
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
