namespace Svf.Generation;

/// <summary>Settings for the realistic synthetic data set (no real person is in it; personal numbers are random but valid).</summary>
public sealed record GeneratorSettings
{
    public int Year { get; init; } = 2025;
    /// <summary>Pathways started per year, nationally. RCC counted 154 340 persons in SVF in 2023.</summary>
    public int PathwaysPerYear { get; init; } = 150_000;
    public int Seed { get; init; } = 20251;
    /// <summary>Regions generated to miss the 70 % inclusion goal (the demo needs at least one failing region).</summary>
    public IReadOnlyList<string> LowInclusionRegions { get; init; } = ["21"];
    /// <summary>Regions generated to treat most patients within the lead-time limit (about 85-95 % rather than about half).</summary>
    public IReadOnlyList<string> FastRegions { get; init; } = [];
    /// <summary>Population reference date used to share pathways between regions (the only complete column in regioner.csv).</summary>
    public DateOnly PopulationDate { get; init; } = new(2023, 12, 31);
    /// <summary>
    /// The last day with data (today, for a year not yet over): no pathway starts later, and a later event is not yet known,
    /// so such a pathway is still ongoing. Null: the whole year, as if it were over.
    /// </summary>
    public DateOnly? Until { get; init; }
}
