using System.Text.Json.Serialization;

namespace Svf.Indicators;

/// <summary>
/// One row of the indicator table. Property names (snake_case in CSV/JSON) are the stable, documented column names
/// (docs/output-columns.md). Shares are fractions 0-1, unrounded; null = not computable or suppressed.
/// </summary>
public sealed record IndicatorRow
{
    public required string Period { get; init; }
    public required string PeriodKind { get; init; }
    /// <summary>nation, rcc or region.</summary>
    public required string Level { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    /// <summary>An SVF code, or TOTAL for all SVF pooled (not "ALL": that is the code of akut lymfatisk leukemi).</summary>
    public required string Svf { get; init; }
    /// <summary>M, K or TOTAL.</summary>
    public required string Sex { get; init; }

    public long? Started { get; init; }
    public long? Completed { get; init; }
    public long? CancerConfirmed { get; init; }
    public double? CancerShare { get; init; }

    public long? InclusionNumerator { get; init; }
    public double? InclusionDenominator { get; init; }
    public double? InclusionRate { get; init; }
    public double? InclusionCiLow { get; init; }
    public double? InclusionCiHigh { get; init; }
    public bool? InclusionGoalMet { get; init; }

    public long? Treated { get; init; }
    public double? LeadTimeMedian { get; init; }
    [JsonPropertyName("lead_time_p80")]
    public double? LeadTimeP80 { get; init; }
    [JsonPropertyName("lead_time_p90")]
    public double? LeadTimeP90 { get; init; }
    public long? WithLimit { get; init; }
    public long? WithinLimit { get; init; }
    public double? WithinLimitShare { get; init; }
    public double? WithinLimitCiLow { get; init; }
    public double? WithinLimitCiHigh { get; init; }
    public bool? LeadTimeGoalMet { get; init; }
    /// <summary>Treated patients whose SVF and treatment have no limit in the reference data: not in the within-limit share.</summary>
    public long? NoLimitDefined { get; init; }
    /// <summary>Treated patients measured against a limit known to be superseded (see ledtider.csv notes).</summary>
    public long? LimitSuperseded { get; init; }
    [JsonPropertyName("over_limit_50pct")]
    public long? OverLimit50 { get; init; }
    [JsonPropertyName("over_limit_50pct_share")]
    public double? OverLimit50Share { get; init; }
    [JsonPropertyName("over_limit_75pct")]
    public long? OverLimit75 { get; init; }
    [JsonPropertyName("over_limit_75pct_share")]
    public double? OverLimit75Share { get; init; }
    public long? OvertimeDays { get; init; }

    /// <summary>True when the publication rule removed one or more values of this row.</summary>
    public bool Suppressed { get; init; }
}
