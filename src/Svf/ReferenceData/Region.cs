namespace Svf.ReferenceData;

/// <summary>One of the 21 regions. Populations are keyed by reference date (SCB, 31 December of a year).</summary>
public sealed record Region(string Code, string Name, string RccCode, IReadOnlyDictionary<DateOnly, long> Populations)
{
    /// <summary>The population at the given reference date, or null when the source value is missing (never guessed).</summary>
    public long? PopulationAt(DateOnly referenceDate) => Populations.TryGetValue(referenceDate, out var p) ? p : null;
}
