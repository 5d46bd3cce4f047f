namespace Svf.ReferenceData;

/// <summary>What to do with a limit value known to be superseded by a newer value that is not in the table yet.</summary>
public enum SupersededLimitPolicy
{
    /// <summary>Use the older value and flag every figure that depends on it (default: analysts see a number and its caveat).</summary>
    UseAndFlag,
    /// <summary>Treat the limit as not defined.</summary>
    TreatAsNotDefined,
}
