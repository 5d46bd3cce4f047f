namespace Svf.Assessment;

/// <summary>
/// One region's result on one condition, with the evidence figures computed from submitted data (never typed in).
/// Shares are fractions; compared unrounded with the threshold. Column names are documented in docs/output-columns.md.
/// </summary>
public sealed record ConditionResult
{
    public required int Year { get; init; }
    public required string RegionCode { get; init; }
    public required string RegionName { get; init; }
    public required string ConditionId { get; init; }
    public required string ConditionName { get; init; }
    public required ConditionOutcome Outcome { get; init; }
    /// <summary>The measured value: a share (inclusion, within limit) or null for yes/no conditions.</summary>
    public double? Value { get; init; }
    public double? Threshold { get; init; }
    public double? CiLow { get; init; }
    public double? CiHigh { get; init; }
    public double? Numerator { get; init; }
    public double? Denominator { get; init; }
    public DateOnly? ReceivedDate { get; init; }
    public int? DaysLate { get; init; }
    /// <summary>The evidence in words, e.g. "inklusion 68,4 % [67,1–69,6], mål 70 %".</summary>
    public required string Evidence { get; init; }
    /// <summary>Why it could not be assessed, or what failed.</summary>
    public string? Reason { get; init; }
    /// <summary>True when the condition's parameters are provisional (see the rules file).</summary>
    public bool Provisional { get; init; }
    /// <summary>Where the figures came from: socialstyrelsen (the region's own submissions) or skr (see <see cref="ILeadTimeFallback"/>).</summary>
    public string DataSource { get; init; } = DataSources.Socialstyrelsen;
}
