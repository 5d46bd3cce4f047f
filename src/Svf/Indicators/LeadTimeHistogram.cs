namespace Svf.Indicators;

/// <summary>
/// Counts of lead times by whole day. Percentiles come out exactly as from the sorted list of values, so they do not
/// depend on row order, and two histograms can be merged for a larger group without keeping every value.
/// </summary>
public sealed class LeadTimeHistogram
{
    private readonly Dictionary<int, int> _counts = [];

    public long Count { get; private set; }

    public void Add(int days, int count = 1)
    {
        _counts[days] = _counts.GetValueOrDefault(days) + count;
        Count += count;
    }

    public void Merge(LeadTimeHistogram other)
    {
        foreach (var (days, n) in other._counts)
        {
            Add(days, n);
        }
    }

    /// <summary>
    /// Percentile by linear interpolation between closest ranks (Hyndman-Fan type 7; Excel PERCENTILE.INC, R's default):
    /// h = (n - 1) p, value = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]), x sorted, 0-based.
    /// </summary>
    public double? Percentile(double p)
    {
        if (Count == 0)
        {
            return null;
        }
        var h = (Count - 1) * p;
        var lowRank = (long)Math.Floor(h);
        var fraction = h - lowRank;
        var keys = _counts.Keys.ToArray();
        Array.Sort(keys);
        long cumulative = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            cumulative += _counts[keys[i]];
            if (cumulative > lowRank)
            {
                // x[lowRank] = keys[i]; x[lowRank + 1] is keys[i] again if this day holds it, otherwise the next day.
                var next = cumulative > lowRank + 1 || i + 1 == keys.Length ? keys[i] : keys[i + 1];
                return keys[i] + fraction * (next - keys[i]);
            }
        }
        return keys[^1];
    }
}
