using Svf.Rules;

namespace Svf.Assessment;

/// <summary>One region's amount of one payment, in whole kronor, with the policy and population basis used.</summary>
public sealed record AllocationRow
{
    public required int Year { get; init; }
    public required string PaymentId { get; init; }
    public required string PaymentName { get; init; }
    public required string RegionCode { get; init; }
    public required string RegionName { get; init; }
    public required string RccCode { get; init; }
    /// <summary>The region's population at <see cref="PopulationReferenceDate"/>; null when the source has none and none was needed (a region that does not qualify, under redistribute).</summary>
    public required long? Population { get; init; }
    public required DateOnly PopulationReferenceDate { get; init; }
    /// <summary>met, not_met or cannot_assess (for unconditional payments always met).</summary>
    public required ConditionOutcome Eligibility { get; init; }
    public required long Amount { get; init; }
    /// <summary>The region's share not paid to it, in kronor: under withhold its share when it fails; under either policy the share held back while it cannot be assessed.</summary>
    public required long Withheld { get; init; }
    public required FailedSharePolicy Policy { get; init; }
    public required bool Provisional { get; init; }
}

/// <summary>A payment's totals per RCC (and for the nation, RccCode = "SE").</summary>
public sealed record AllocationSubtotal(int Year, string PaymentId, string RccCode, long Amount, long Withheld, int RegionsPaid, FailedSharePolicy Policy, bool Provisional);
