using Svf.Assessment;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Investments;

/// <summary>
/// Expands a year's allocation into whole kronor per recipient with <see cref="LargestRemainder"/>: each item's parts sum
/// exactly to the item. By population: the regions' own populations, or an RCC's as the sum of its regions' (Halland is in
/// RCC Väst, as in regioner.csv), at the reference date of the year's agreement rules (the regions' payments at their own
/// basis where the rules give one). Equal shares: weight 1 each. Named: everything to the one recipient.
/// </summary>
public static class AllocationExpander
{
    public const string SamverkanCode = "SAMVERKAN";
    public const string SamverkanName = "RCC i samverkan (via SKR)";

    public static IReadOnlyList<AllocationShare> Expand(AgreementAllocation allocation, AgreementRules rules, ReferenceDataSet reference)
    {
        if (rules.Year != allocation.Year)
        {
            throw new ArgumentException($"The rules are for {rules.Year}, the allocation for {allocation.Year}.", nameof(rules));
        }
        var rows = new List<AllocationShare>();
        foreach (var item in allocation.Items)
        {
            var recipients = Recipients(item, reference);
            var payment = item.RulesPayment is { } pid ? rules.Payments.Single(p => p.Id == pid) : null;
            var conditional = payment?.Eligibility == PaymentEligibility.Conditions;
            // The regions' payments are split by their own population basis (agreement-YYYY.json); a conditional payment whose
            // basis lacks figures for some regions (2025: only the 18 that qualified were published) is shown by the year's.
            var basis = payment is null ? rules.Population : rules.PopulationOf(payment);
            if (conditional && reference.Regions.Any(r => r.PopulationAt(basis.ReferenceDate) is null))
            {
                basis = rules.Population;
            }
            var date = basis.ReferenceDate;
            long[] weights;
            if (item.Key == DistributionKey.Population)
            {
                var missing = reference.Regions.Where(r => r.PopulationAt(date) is null).Select(r => $"{r.Code} {r.Name}").ToList();
                if (missing.Count > 0)
                {
                    throw new AllocationUnavailableException(
                        $"Fördelningen {allocation.Year} kan inte beräknas: regioner.csv saknar folkmängd {Svf.Output.IsoDate.ToText(date)} för {string.Join(", ", missing)}.");
                }
                weights = recipients.Select(r => r.Kind == RecipientKind.Regions
                    ? reference.RegionsByCode[r.Code].PopulationAt(date)!.Value
                    : reference.Regions.Where(g => g.RccCode == r.Code).Sum(g => g.PopulationAt(date)!.Value)).ToArray();
            }
            else
            {
                weights = recipients.Select(_ => 1L).ToArray();
            }
            var parts = LargestRemainder.Split(item.Amount, weights, recipients.Select(r => r.Code).ToList());
            var provisional = item.Provisional || (item.Key == DistributionKey.Population && basis.Provisional);
            for (var i = 0; i < recipients.Count; i++)
            {
                rows.Add(new AllocationShare
                {
                    Year = allocation.Year, ItemId = item.Id, PurposeSv = item.PurposeSv, Section = item.Section, Area = item.Area,
                    RecipientKind = recipients[i].Kind, RecipientCode = recipients[i].Code, RecipientName = recipients[i].Name,
                    DistributionKey = item.Key, Weight = weights[i],
                    PopulationReferenceDate = item.Key == DistributionKey.Population ? date : null,
                    ItemAmount = item.Amount, Amount = parts[i], Conditional = conditional, Provisional = provisional,
                });
            }
        }
        return rows;
    }

    /// <summary>Each recipient's total over all items (regions, RCC, RCC i samverkan), in the order they first appear.</summary>
    public static IReadOnlyList<RecipientTotal> Totals(IReadOnlyList<AllocationShare> shares) =>
        shares.GroupBy(s => (s.RecipientKind == RecipientKind.NamedRcc ? RecipientKind.Rcc : s.RecipientKind, s.RecipientCode))
            .Select(g => new RecipientTotal(g.First().Year, g.Key.Item1, g.Key.RecipientCode, g.First().RecipientName,
                g.Sum(s => s.Amount), g.Where(s => s.Conditional).Sum(s => s.Amount), g.Any(s => s.Provisional)))
            .ToList();

    private static List<(RecipientKind Kind, string Code, string Name)> Recipients(AllocationItem item, ReferenceDataSet reference) => item.Recipient switch
    {
        RecipientKind.Regions => reference.Regions.Select(r => (RecipientKind.Regions, r.Code, r.Name)).ToList(),
        RecipientKind.Rcc => reference.Rccs.Select(r => (RecipientKind.Rcc, r.Code, r.NameSv)).ToList(),
        RecipientKind.NamedRcc => [(RecipientKind.NamedRcc, item.RecipientCode!, reference.Rccs.Single(r => r.Code == item.RecipientCode).NameSv)],
        _ => [(RecipientKind.RccISamverkan, SamverkanCode, SamverkanName)],
    };
}

/// <summary>One recipient's part of one allocation item, in whole kronor (docs/output-columns.md).</summary>
public sealed record AllocationShare
{
    public required int Year { get; init; }
    public required string ItemId { get; init; }
    public required string PurposeSv { get; init; }
    public string? Section { get; init; }
    public string? Area { get; init; }
    public required RecipientKind RecipientKind { get; init; }
    public required string RecipientCode { get; init; }
    public required string RecipientName { get; init; }
    public required DistributionKey DistributionKey { get; init; }
    /// <summary>The population (by population) or 1 (equal shares, named).</summary>
    public required long Weight { get; init; }
    public DateOnly? PopulationReferenceDate { get; init; }
    public required long ItemAmount { get; init; }
    public required long Amount { get; init; }
    /// <summary>True for a conditional payment (payment 2): the amount is the population share before the assessment.</summary>
    public required bool Conditional { get; init; }
    public required bool Provisional { get; init; }
}

/// <summary>A recipient's total for the year; <see cref="ConditionalAmount"/> is the part that depends on the assessment.</summary>
public sealed record RecipientTotal(int Year, RecipientKind RecipientKind, string RecipientCode, string RecipientName, long Amount, long ConditionalAmount, bool Provisional);
