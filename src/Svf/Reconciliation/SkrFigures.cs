namespace Svf.Reconciliation;

/// <summary>Column names of the proposed SKR figures format (docs/skr-reconciliation.md, docs/skr-figures.schema.json).</summary>
public static class SkrColumns
{
    public const string FormatVersion = "0.1";
    public const string Region = "region";
    public const string Svf = "svf";
    public const string Sex = "sex";
    public const string Period = "period";
    public const string Started = "started";
    public const string Completed = "completed";
    public const string Treated = "treated";
    public const string WithinLimit = "within_limit";
    public const string LeadTimeMedian = "lead_time_median";

    public static readonly string[] Required = [Region, Svf, Sex, Period, Started, Completed];
    public static readonly string[] All = [Region, Svf, Sex, Period, Started, Completed, Treated, WithinLimit, LeadTimeMedian];

    /// <summary>Both sexes together, and all SVF together: the same word as the indicator table uses.</summary>
    public const string Total = "TOTAL";
}

/// <summary>One row of SKR's figures: one region, SVF (or TOTAL), sex (M, K or TOTAL) and period. Null = not given.</summary>
public sealed record SkrFigure(
    int RowNo, string RegionCode, string Svf, string Sex, string Period,
    long? Started, long? Completed, long? Treated, long? WithinLimit, double? LeadTimeMedian);

/// <summary>One SKR delivery as stored (a version; the newest accepted is current).</summary>
public sealed record SkrImportInfo(long Id, int VersionNumber, string FileName, DateTime ReceivedAtUtc, string ReceivedBy, string Status, bool IsCurrent, int RowCount);
