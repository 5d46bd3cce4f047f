using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Assessment;

/// <summary>
/// A second source for a lead-time condition that a region's own submitted data cannot assess: the 2026 assignment lets
/// RCC i samverkan supply data collected at SKR "om det bedöms nödvändigt". Used only when passed to
/// <see cref="PaymentAssessor"/> (asked for), only for results that are <see cref="ConditionOutcome.CannotAssess"/>, and every
/// result it gives says so in <see cref="ConditionResult.DataSource"/> and its evidence. The SKR implementation lives in
/// Svf.Reconciliation (SkrLeadTimeFallback).
/// </summary>
public interface ILeadTimeFallback
{
    /// <summary>A result from the other source, or null when it has nothing usable (then the own result stands).</summary>
    ConditionResult? Assess(AgreementRules rules, ConditionRule condition, Region region, ConditionResult own);
}

/// <summary>Where a condition's figures came from (the column data_source of the assessment outputs).</summary>
public static class DataSources
{
    /// <summary>Computed by Socialstyrelsen from the region's own submissions (the default).</summary>
    public const string Socialstyrelsen = "socialstyrelsen";
    /// <summary>SKR's aggregate figures, supplied by RCC i samverkan, used because the own data could not be assessed.</summary>
    public const string Skr = "skr";
}
