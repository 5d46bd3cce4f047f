namespace Svf.ReferenceData;

public enum LimitStatus : byte
{
    /// <summary>A limit is defined and no later change is known.</summary>
    Defined = 0,
    /// <summary>The latest value read is known to be superseded; used only when the options allow it, and always flagged.</summary>
    Superseded = 1,
    /// <summary>No limit is defined in the reference data for this SVF and end point: the indicator says so, it never guesses.</summary>
    NotDefined = 2,
}

/// <summary>The result of looking up a lead-time limit.</summary>
public readonly record struct LimitLookup(LimitStatus Status, int Days, DateOnly? Version)
{
    public static readonly LimitLookup None = new(LimitStatus.NotDefined, 0, null);
}
