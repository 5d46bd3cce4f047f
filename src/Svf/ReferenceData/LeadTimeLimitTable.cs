namespace Svf.ReferenceData;

/// <summary>
/// Looks up the lead-time limit for (SVF, end point, date): the row with the latest version not after the date.
/// If the end point has no row with a value, the SVF's "all_treatments" row is used. Otherwise: not defined.
/// </summary>
public sealed class LeadTimeLimitTable
{
    public const string AllTreatments = "all_treatments";

    private readonly Dictionary<(string Svf, string Endpoint), LeadTimeLimit[]> _rows;
    private readonly HashSet<(string Svf, string Endpoint)> _knownEndpoints;

    public LeadTimeLimitTable(IEnumerable<LeadTimeLimit> rows)
    {
        var list = rows.ToList();
        All = list;
        _knownEndpoints = list.Select(r => (r.SvfCode, r.Endpoint)).ToHashSet();
        _rows = list
            .Where(r => r.MaxDays is not null && r.Version is not null)
            .GroupBy(r => (r.SvfCode, r.Endpoint))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Version).ToArray());
    }

    public IReadOnlyList<LeadTimeLimit> All { get; }

    /// <summary>True if ledtider.csv names this end point for this SVF (with or without a value).</summary>
    public bool IsSvfEndpoint(string svf, string endpoint) => _knownEndpoints.Contains((svf, endpoint));

    public IEnumerable<string> EndpointsOf(string svf) => _knownEndpoints.Where(k => k.Svf == svf).Select(k => k.Endpoint).OrderBy(e => e, StringComparer.Ordinal);

    public LimitLookup Lookup(string svf, string endpoint, DateOnly date, SupersededLimitPolicy policy = SupersededLimitPolicy.UseAndFlag)
    {
        var hit = Find(svf, endpoint, date, policy);
        return hit.Status != LimitStatus.NotDefined || endpoint == AllTreatments ? hit : Find(svf, AllTreatments, date, policy);
    }

    private LimitLookup Find(string svf, string endpoint, DateOnly date, SupersededLimitPolicy policy)
    {
        if (!_rows.TryGetValue((svf, endpoint), out var versions))
        {
            return LimitLookup.None;
        }
        LeadTimeLimit? best = null;
        foreach (var v in versions)
        {
            if (v.Version <= date)
            {
                best = v;
            }
        }
        if (best is null)
        {
            return LimitLookup.None;
        }
        // "Superseded" matters only when the newer value is not in the table: a row followed by its successor was simply in force then.
        if (best.KnownSuperseded && ReferenceEquals(best, versions[^1]))
        {
            return policy == SupersededLimitPolicy.UseAndFlag ? new LimitLookup(LimitStatus.Superseded, best.MaxDays!.Value, best.Version) : LimitLookup.None;
        }
        return new LimitLookup(LimitStatus.Defined, best.MaxDays!.Value, best.Version);
    }
}
