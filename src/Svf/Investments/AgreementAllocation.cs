namespace Svf.Investments;

/// <summary>
/// One agreement year's allocation of money (the agreement's Bilaga 1) as data: Rules/Data/allocation-YYYY.json, checked
/// against allocation.schema.json and for consistency on load (<see cref="AllocationCatalog"/>). Whole kronor.
/// </summary>
public sealed record AgreementAllocation
{
    public required int Year { get; init; }
    public required string Title { get; init; }
    public required string Source { get; init; }
    public required long Total { get; init; }
    public required IReadOnlyList<AllocationItem> Items { get; init; }
    public IReadOnlyList<AllocationSubtotal> Subtotals { get; init; } = [];

    public AllocationItem Item(string id) => Items.Single(i => i.Id == id);

    /// <summary>The items that finance a special-investment area, per area code (patologi, bild_funktionsmedicin, …).</summary>
    public IReadOnlyList<string> Areas => Items.Where(i => i.Area is not null).Select(i => i.Area!).Distinct().ToList();

    /// <summary>Every provisional item, named, for the caveat printed with each output that depends on this year.</summary>
    public IReadOnlyList<string> ProvisionalParameters() =>
        Items.Where(i => i.Provisional).Select(i => $"allocation.{i.Id}: {i.Note}").ToList();
}

/// <summary>One line of the allocation: a purpose, who receives it, how it is split, and the amount.</summary>
public sealed record AllocationItem
{
    public required string Id { get; init; }
    public required string PurposeSv { get; init; }
    public string? Section { get; init; }
    public required RecipientKind Recipient { get; init; }
    /// <summary>The RCC code (rcc.csv) for <see cref="RecipientKind.NamedRcc"/>.</summary>
    public string? RecipientCode { get; init; }
    public required DistributionKey Key { get; init; }
    /// <summary>Whole kronor. For an item with <see cref="RulesPayment"/> it is filled in from agreement-YYYY.json on load.</summary>
    public long Amount { get; init; }
    /// <summary>The payment id in agreement-YYYY.json whose amount this is (the regions' SVF money has one home: the rules file).</summary>
    public string? RulesPayment { get; init; }
    /// <summary>The special-investment area the item finances (see <see cref="InvestmentAreas"/>), or null.</summary>
    public string? Area { get; init; }
    public bool Provisional { get; init; }
    public string? Note { get; init; }
}

public sealed record AllocationSubtotal(string NameSv, IReadOnlyList<string> Items, long Amount);

public enum RecipientKind
{
    /// <summary>The 21 regions.</summary>
    Regions,
    /// <summary>The six RCC.</summary>
    Rcc,
    /// <summary>SKR, for the work of RCC i samverkan.</summary>
    RccISamverkan,
    /// <summary>One RCC named in the agreement.</summary>
    NamedRcc,
}

public enum DistributionKey
{
    /// <summary>By population; an RCC's population is the sum of its regions'.</summary>
    Population,
    /// <summary>Equal shares.</summary>
    Equal,
    /// <summary>All to the one named recipient.</summary>
    Named,
}

/// <summary>The special-investment areas the follow-up covers (seed 001), with their Swedish names. One home for the codes.</summary>
public static class InvestmentAreas
{
    public const string Pathology = "patologi";
    public const string Imaging = "bild_funktionsmedicin";
    public const string Rehabilitation = "rehabilitering";
    public const string PrimaryCare = "primarvard";

    public static readonly IReadOnlyList<string> All = [Pathology, Imaging, Rehabilitation, PrimaryCare];

    public static string NameSv(string area) => area switch
    {
        Pathology => "Patologi",
        Imaging => "Bild- och funktionsmedicin",
        Rehabilitation => "Rehabilitering, palliativ vård, seneffekter och aktiva överlämningar",
        PrimaryCare => "Primärvården",
        _ => area,
    };
}
