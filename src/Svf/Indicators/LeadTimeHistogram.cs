namespace Svf.Indicators;

/// <summary>
/// Counts of lead times by whole day. Percentiles come out exactly as from the sorted list of values, so they do not
/// depend on row order, and two histograms can be merged for a larger group without keeping every value.
/// </summary>
/// <remarks>
/// Stored as a small array indexed by day (lead times span a few hundred days), so adding and merging are array
/// additions and percentiles need no sorting; pass 2 of the engine merges every monthly cell into twelve groups.
/// A histogram whose days would span more than <see cref="MaxDenseSpan"/> switches to a dictionary.
/// </remarks>
internal sealed class LeadTimeHistogram
{
    private const int MaxDenseSpan = 1 << 14;
    private const int Limit = 1 << 30;

    // Dense form: _dense[day - _origin]; _min.._max is the range of days added so far (empty when _min > _max).
    private int[] _dense = [];
    private int _origin;
    private int _min = int.MaxValue;
    private int _max = int.MinValue;
    private Dictionary<int, int>? _sparse;

    public long Count { get; private set; }

    public void Add(int days, int count = 1)
    {
        if (_sparse is null && Fit(days, days))
        {
            _dense[days - _origin] += count;
        }
        else
        {
            _sparse![days] = _sparse.GetValueOrDefault(days) + count;
        }
        Count += count;
    }

    public void Merge(LeadTimeHistogram other)
    {
        if (other._sparse is null && _sparse is null)
        {
            if (other._min > other._max)
            {
                return;
            }
            if (Fit(other._min, other._max))
            {
                var source = other._dense.AsSpan(other._min - other._origin, other._max - other._min + 1);
                var target = _dense.AsSpan(other._min - _origin, source.Length);
                for (var i = 0; i < source.Length; i++)
                {
                    target[i] += source[i];
                }
                Count += other.Count;
                return;
            }
        }
        foreach (var (days, n) in other.Entries())
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
        if (_sparse is null)
        {
            long seen = 0;
            for (var day = _min; day <= _max; day++)
            {
                var n = _dense[day - _origin];
                if (n == 0)
                {
                    continue;
                }
                seen += n;
                if (seen > lowRank)
                {
                    // x[lowRank] = this day; x[lowRank + 1] is this day again if it holds it, otherwise the next day with a count.
                    var next = day;
                    for (var later = day + 1; seen <= lowRank + 1 && later <= _max; later++)
                    {
                        if (_dense[later - _origin] != 0)
                        {
                            next = later;
                            break;
                        }
                    }
                    return day + fraction * (next - day);
                }
            }
            return _max;
        }
        var entries = Entries().ToArray();
        long cumulative = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            cumulative += entries[i].Count;
            if (cumulative > lowRank)
            {
                // x[lowRank] = this day; x[lowRank + 1] is this day again if it holds it, otherwise the next day.
                var day = entries[i].Days;
                var next = cumulative > lowRank + 1 || i + 1 == entries.Length ? day : entries[i + 1].Days;
                return day + fraction * (next - day);
            }
        }
        return entries[^1].Days;
    }

    /// <summary>The days with a count, in ascending order.</summary>
    private IEnumerable<(int Days, int Count)> Entries()
    {
        if (_sparse is not null)
        {
            foreach (var days in _sparse.Keys.Order())
            {
                yield return (days, _sparse[days]);
            }
            yield break;
        }
        for (var days = _min; days <= _max; days++)
        {
            var n = _dense[days - _origin];
            if (n != 0)
            {
                yield return (days, n);
            }
        }
    }

    /// <summary>Makes the dense array cover lo..hi; false (after switching to the dictionary) if that would be too wide.</summary>
    private bool Fit(int lo, int hi)
    {
        var min = Math.Min(_min, lo);
        var max = Math.Max(_max, hi);
        if (min >= _origin && max < _origin + _dense.Length)
        {
            _min = min;
            _max = max;
            return true;
        }
        if (min < -Limit || max > Limit || max - min >= MaxDenseSpan)
        {
            var sparse = new Dictionary<int, int>();
            foreach (var (days, n) in Entries())
            {
                sparse[days] = n;
            }
            _sparse = sparse;
            _dense = [];
            return false;
        }
        var span = max - min + 1;
        var capacity = Math.Min(MaxDenseSpan, Math.Max(32, span * 2));
        var origin = min - (capacity - span) / 2;
        var dense = new int[capacity];
        if (_min <= _max)
        {
            _dense.AsSpan(_min - _origin, _max - _min + 1).CopyTo(dense.AsSpan(_min - origin));
        }
        _dense = dense;
        _origin = origin;
        _min = min;
        _max = max;
        return true;
    }
}
