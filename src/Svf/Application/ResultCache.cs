namespace Svf.Application;

/// <summary>
/// Computed results kept in memory between reads: the indicator engine's monthly cells and tables, the reporting-status
/// overview. Each result lies in a <em>slot</em> (what was asked: which table, which year) together with the <em>version</em>
/// of the data it was computed from (<see cref="DataVersion"/>). A read with the slot's version gets the kept result; a read
/// with another version computes anew and replaces the slot's entry, so only the latest version of each slot is kept.
/// Concurrent first reads of one slot and version compute once (the others wait for that result). At most
/// <see cref="Capacity"/> slots are kept; the least recently read one is dropped first. A computation that throws is not kept.
/// </summary>
/// <remarks>
/// The cache holds figures only. Every read still checks the caller's scope and writes its audit entry before and after
/// asking the cache; a result is filtered to what the caller may see after it is taken from the cache.
/// One cache serves one database and one set of reference data, rules and indicator options (the services put the
/// fingerprint of theirs into the version, so sharing a cache between differently configured services stays correct).
/// </remarks>
public sealed class ResultCache
{
    /// <summary>The number of slots kept when none is given.</summary>
    public const int DefaultCapacity = 48;

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _slots = new(StringComparer.Ordinal);
    private long _useClock;
    private long _computations;

    /// <param name="capacity">How many slots to keep at most (1 or more).</param>
    public ResultCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many slots are kept at most.</summary>
    public int Capacity { get; }

    /// <summary>How many results have been computed (not taken from the cache) since the cache was made.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>How many slots are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>The result kept in <paramref name="slot"/> for <paramref name="version"/>, or <paramref name="compute"/>'s (then kept).</summary>
    /// <param name="slot">What is asked, e.g. "indicators.rows|*|HalfYear|2025|False".</param>
    /// <param name="version">The version of everything the result is computed from; another version replaces the kept result.</param>
    /// <param name="compute">Computes the result; called at most once per slot and version while the entry is kept.</param>
    public T GetOrCompute<T>(string slot, string version, Func<T> compute) where T : class
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(compute);
        Entry entry;
        lock (_gate)
        {
            if (!_slots.TryGetValue(slot, out entry!) || entry.Version != version)
            {
                entry = new Entry(version, new Lazy<object>(() =>
                {
                    Interlocked.Increment(ref _computations);
                    return compute();
                }, LazyThreadSafetyMode.ExecutionAndPublication));
                _slots[slot] = entry;
            }
            entry.LastUsed = ++_useClock;
            DropLeastRecentlyUsed();
        }
        try
        {
            return (T)entry.Result.Value;
        }
        catch
        {
            // Lazy keeps the exception; drop the entry so that the next read tries again.
            lock (_gate)
            {
                if (_slots.TryGetValue(slot, out var kept) && ReferenceEquals(kept, entry))
                {
                    _slots.Remove(slot);
                }
            }
            throw;
        }
    }

    /// <summary>Drops every kept result.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _slots.Clear();
        }
    }

    private void DropLeastRecentlyUsed()
    {
        while (_slots.Count > Capacity)
        {
            var oldest = _slots.MinBy(s => s.Value.LastUsed).Key;
            _slots.Remove(oldest);
        }
    }

    private sealed class Entry(string version, Lazy<object> result)
    {
        public string Version { get; } = version;

        public Lazy<object> Result { get; } = result;

        public long LastUsed { get; set; }
    }
}
