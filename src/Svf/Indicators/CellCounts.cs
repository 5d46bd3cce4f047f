namespace Svf.Indicators;

/// <summary>Additive counts for one cell (period × unit × SVF × sex). Cells for larger groups are sums of smaller ones.</summary>
internal sealed class CellCounts
{
    public long Started { get; set; }
    public long Completed { get; set; }
    public long CancerConfirmed { get; set; }
    public long Treated { get; set; }
    public long WithLimit { get; set; }
    public long WithinLimit { get; set; }
    public long OverLow { get; set; }
    public long OverHigh { get; set; }
    public long NoLimit { get; set; }
    public long LimitSuperseded { get; set; }
    public long OvertimeDays { get; set; }
    public double NewCases { get; set; }
    public bool HasNewCases { get; set; }
    /// <summary>A new-cases figure for both sexes together (no sex given) reached this cell: every pathway then has a denominator.</summary>
    public bool HasBothSexesFigure { get; set; }
    public long InclusionNumerator { get; set; }
    public LeadTimeHistogram LeadTimes { get; } = new();

    public void Add(CellCounts o) => Add(o, withInclusionNumerator: true);

    /// <summary>Adds another cell; without its inclusion numerator when it must not count towards this group's inclusion.</summary>
    public void Add(CellCounts o, bool withInclusionNumerator)
    {
        Started += o.Started;
        Completed += o.Completed;
        CancerConfirmed += o.CancerConfirmed;
        Treated += o.Treated;
        WithLimit += o.WithLimit;
        WithinLimit += o.WithinLimit;
        OverLow += o.OverLow;
        OverHigh += o.OverHigh;
        NoLimit += o.NoLimit;
        LimitSuperseded += o.LimitSuperseded;
        OvertimeDays += o.OvertimeDays;
        NewCases += o.NewCases;
        HasNewCases |= o.HasNewCases;
        HasBothSexesFigure |= o.HasBothSexesFigure;
        if (withInclusionNumerator)
        {
            InclusionNumerator += o.InclusionNumerator;
        }
        LeadTimes.Merge(o.LeadTimes);
    }
}
