using System.Text.Json;
using Json.Schema;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Investments;

/// <summary>
/// Loads allocation-YYYY.json (built in beside the agreement rules, plus any in an extra folder, which win), checks each
/// against allocation.schema.json and for consistency: the items sum to the total, every stated subtotal holds, a regions'
/// item that names a rules payment takes its amount from agreement-YYYY.json. A broken file fails loudly, naming it.
/// </summary>
public sealed class AllocationCatalog
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(RulesFiles.ReadResource("allocation.schema.json")));

    private readonly Dictionary<int, AgreementAllocation> _years;

    private AllocationCatalog(Dictionary<int, AgreementAllocation> years) => _years = years;

    public IReadOnlyList<int> Years => _years.Keys.Order().ToList();

    public AgreementAllocation ForYear(int year) => _years.TryGetValue(year, out var a)
        ? a
        : throw new KeyNotFoundException($"Ingen fördelningstabell för {year}. Lägg till Rules/Data/allocation-{year}.json (eller en fil i regelmappen). Kända år: {string.Join(", ", Years)}.");

    /// <summary>The built-in years plus, if given, every allocation-*.json in <paramref name="extraDirectory"/>.</summary>
    public static AllocationCatalog Load(ReferenceDataSet reference, AgreementRulesCatalog rules, string? extraDirectory = null)
    {
        var years = new Dictionary<int, AgreementAllocation>();
        foreach (var (text, fileName) in RulesFiles.YearFiles("allocation", extraDirectory))
        {
            var a = Parse(text, fileName, reference, rules);
            years[a.Year] = a;
        }
        return new AllocationCatalog(years);
    }

    /// <summary>Parses and checks one file; the message names the file and every problem found.</summary>
    public static AgreementAllocation Parse(string json, string fileName, ReferenceDataSet reference, AgreementRulesCatalog rules)
    {
        using var doc = JsonDocument.Parse(json);
        if (RulesFiles.SchemaProblems(Schema.Value, doc.RootElement) is { Count: > 0 } problems)
        {
            throw new InvalidDataException($"Allocation {fileName} does not match allocation.schema.json: {string.Join("; ", problems)}");
        }
        var allocation = doc.RootElement.Deserialize<AgreementAllocation>(RulesFiles.Json) ?? throw new InvalidDataException($"Allocation {fileName} is empty.");
        var errors = new List<string>();
        if (fileName.StartsWith("allocation-", StringComparison.Ordinal) && fileName != $"allocation-{allocation.Year}.json")
        {
            errors.Add($"the file name says another year than \"year\": {allocation.Year}");
        }
        AgreementRules? yearRules = rules.Years.Contains(allocation.Year) ? rules.ForYear(allocation.Year) : null;
        var items = new List<AllocationItem>();
        foreach (var item in allocation.Items)
        {
            if (item.RulesPayment is { } paymentId)
            {
                var payment = yearRules?.Payments.FirstOrDefault(p => p.Id == paymentId);
                if (payment is null)
                {
                    errors.Add($"item {item.Id} takes its amount from payment '{paymentId}', which agreement-{allocation.Year}.json does not have");
                    items.Add(item);
                    continue;
                }
                // One home for the regions' money: the rules file. Its provisional flag carries over.
                items.Add(item with
                {
                    Amount = payment.Amount,
                    Provisional = item.Provisional || payment.Provisional,
                    Note = payment.Provisional ? string.Join(" ", new[] { item.Note, payment.Note }.OfType<string>()) : item.Note,
                });
                continue;
            }
            items.Add(item);
        }
        allocation = allocation with { Items = items };
        errors.AddRange(Check(allocation, reference));
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"Allocation {fileName}: {string.Join("; ", errors)}");
        }
        return allocation;
    }

    private static IEnumerable<string> Check(AgreementAllocation a, ReferenceDataSet reference)
    {
        var sum = a.Items.Sum(i => i.Amount);
        if (sum != a.Total)
        {
            yield return $"the items sum to {sum} kr, not the total {a.Total} kr";
        }
        var ids = a.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var dup in a.Items.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"item id '{dup.Key}' is used twice";
        }
        foreach (var item in a.Items)
        {
            if (item.RecipientCode is { } code && !reference.Rccs.Any(r => r.Code == code))
            {
                yield return $"item {item.Id} names unknown RCC '{code}' (rcc.csv has {string.Join(", ", reference.Rccs.Select(r => r.Code))})";
            }
            if (item.Provisional && string.IsNullOrWhiteSpace(item.Note))
            {
                yield return $"item {item.Id} is provisional but has no note saying why";
            }
        }
        foreach (var s in a.Subtotals)
        {
            foreach (var unknown in s.Items.Where(i => !ids.Contains(i)))
            {
                yield return $"subtotal '{s.NameSv}' names unknown item '{unknown}'";
            }
            var partial = a.Items.Where(i => s.Items.Contains(i.Id)).Sum(i => i.Amount);
            if (partial != s.Amount)
            {
                yield return $"subtotal '{s.NameSv}': its items sum to {partial} kr, not {s.Amount} kr";
            }
        }
    }
}
