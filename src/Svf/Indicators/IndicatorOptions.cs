using Svf.ReferenceData;

namespace Svf.Indicators;

/// <summary>
/// The open points of the indicator definitions (docs/indicators.md), each a parameter with a documented default.
/// </summary>
public sealed record IndicatorOptions
{
    /// <summary>Inclusion goal (inklusionsmål): share of new cancer cases investigated in an SVF.</summary>
    public decimal InclusionGoal { get; init; } = SvfGoals.Inclusion;

    /// <summary>Lead-time goal (ledtidsmål): share of treated patients within the SVF's limit.</summary>
    public decimal LeadTimeGoal { get; init; } = SvfGoals.LeadTime;

    public InclusionNumerator InclusionNumerator { get; init; } = InclusionNumerator.CancerConfirmed;

    /// <summary>When a new-cases figure covers a longer period than the one computed (e.g. a year's estimate for H1), use months/12 of it.</summary>
    public bool ProrateNewCases { get; init; } = true;

    /// <summary>Which date picks the version of the lead-time limit.</summary>
    public LimitDateBasis LimitDateBasis { get; init; } = LimitDateBasis.TreatmentStart;

    public SupersededLimitPolicy SupersededLimits { get; init; } = SupersededLimitPolicy.UseAndFlag;

    /// <summary>Confidence level of the Wilson intervals, as the normal quantile (1.959964 = 95 %).</summary>
    public double ConfidenceZ { get; init; } = 1.959963984540054;

    /// <summary>Publication rule: counts below this (but above 0), and shares and percentiles over fewer patients, are suppressed.</summary>
    public int MinPublishedCellSize { get; init; } = 5;
}

public enum InclusionNumerator
{
    /// <summary>Pathways ended with cancer confirmed, counted in the month the pathway ended.</summary>
    CancerConfirmed,
    /// <summary>Pathways ended with start of first treatment.</summary>
    TreatmentStarted,
}

public enum LimitDateBasis
{
    TreatmentStart,
    Suspicion,
}
