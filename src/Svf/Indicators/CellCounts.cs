namespace Svf.Indicators;

/// <summary>Additive counts for one cell (period × unit × SVF × sex). Cells for larger groups are sums of smaller ones.</summary>
public sealed class CellCounts
{
    public long Started;
    public long Completed;
    public long CancerConfirmed;
    public long Treated;
    public long WithLimit;
    public long WithinLimit;
    public long OverLow;
    public long OverHigh;
    public long NoLimit;
    public long LimitSuperseded;
    public long OvertimeDays;
    public double NewCases;
    public bool HasNewCases;
    /// <summary>A new-cases figure for both sexes together (no sex given) reached this cell: every pathway then has a denominator.</summary>
    public bool HasBothSexesFigure;
    public long InclusionNumerator;
    public readonly LeadTimeHistogram LeadTimes = new();

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
