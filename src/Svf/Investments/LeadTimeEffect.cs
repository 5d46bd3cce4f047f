using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Investments;

/// <summary>Which pathways the project's pathways are compared with (docs/special-investments.md §4).</summary>
public enum EffectComparison
{
    /// <summary>The same SVF in the regions that no project of the year ties to that SVF (the default).</summary>
    SameSvfOtherRegions,
    /// <summary>The other SVF in the project's own regions, except those a project of the year ties to a region.</summary>
    OtherSvfSameRegions,
    /// <summary>Every region × SVF that no project of the year ties together.</summary>
    AllNotAffected,
}

/// <summary>
/// The lead-time effect table of the final report (docs/special-investments.md §4): for each project tied to SVF and
/// regions, the share within the limit and the median lead time of the affected pathways (the project's regions × its
/// SVF) in a window before and after the project's start, beside the same change in comparable pathways not affected
/// (<see cref="EffectComparison"/>): a difference-in-differences, every estimate with an interval. A pathway falls in a
/// window by its treatment start date. This is an association, not proof of an effect.
/// </summary>
public static class LeadTimeEffect
{
    public const string ShareMeasure = "within_limit_share";
    public const string MedianMeasure = "lead_time_median";

    /// <summary>Resamples of the percentile bootstrap for the medians' changes and their difference.</summary>
    public const int BootstrapResamples = 2000;

    /// <summary>The bootstrap's seed: the generator restarts from it for every row, so a row does not depend on the others.</summary>
    public const ulong BootstrapSeed = 20130;

    public const string ShareIntervalMethod = "Wilson per grupp; förändringar och skillnad i skillnader: normalapproximation av oberoende andelar";
    public static readonly string MedianIntervalMethod =
        $"ordningsstatistika per grupp; förändringar och skillnad i skillnader: percentil-bootstrap, {BootstrapResamples} omdragningar, frö {BootstrapSeed}";

    /// <summary>The code written in the comparison_group column.</summary>
    public static string Code(EffectComparison comparison) => comparison switch
    {
        EffectComparison.OtherSvfSameRegions => "other_svf_same_regions",
        EffectComparison.AllNotAffected => "all_not_affected",
        _ => "same_svf_other_regions",
    };

    /// <summary>The comparison group in Swedish words, for the console and the reports.</summary>
    public static string NameSv(EffectComparison comparison) => comparison switch
    {
        EffectComparison.OtherSvfSameRegions => "andra SVF i projektets regioner",
        EffectComparison.AllNotAffected => "alla förlopp (region × SVF) som inget projekt kopplar till",
        _ => "samma SVF i regioner där inget projekt kopplar till SVF:en",
    };

    /// <summary>Parses a comparison code (as <see cref="Code"/>, or the CLI's short forms same-svf, other-svf, all).</summary>
    public static EffectComparison ParseComparison(string text) => text.Trim().ToLowerInvariant().Replace('-', '_') switch
    {
        "same_svf_other_regions" or "same_svf" => EffectComparison.SameSvfOtherRegions,
        "other_svf_same_regions" or "other_svf" => EffectComparison.OtherSvfSameRegions,
        "all_not_affected" or "all" => EffectComparison.AllNotAffected,
        _ => throw new ArgumentException(
            $"Okänd jämförelsegrupp '{text}'. Tillåtna: same-svf (samma SVF i regioner utan projekt), other-svf (andra SVF i projektets regioner), all (alla förlopp utan projekt).",
            nameof(text)),
    };

    /// <param name="projects">The projects, with the RCC each belongs to; those without affected SVF or regions are skipped.</param>
    /// <param name="pathways">Pathway facts (only treated ones within the windows matter); read once.</param>
    /// <param name="windowMonths">Length of the before and the after window, months.</param>
    /// <param name="comparison">The comparison group (the same on every row; written in its comparison_group column).</param>
    public static IReadOnlyList<LeadTimeEffectRow> Compute(int year, IReadOnlyList<(string Rcc, InvestmentProject Project)> projects,
        IEnumerable<PathwayFact> pathways, ReferenceDataSet reference, IndicatorOptions options, int windowMonths = 6,
        EffectComparison comparison = EffectComparison.SameSvfOtherRegions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowMonths, 1);
        var tied = projects.Where(p => p.Project.AffectedSvf.Count > 0 && p.Project.Regions.Count > 0).ToList();
        if (tied.Count == 0)
        {
            return [];
        }
        // Region × SVF cells a project of the year ties together: never part of a comparison group.
        var touched = tied.SelectMany(t => t.Project.Regions.SelectMany(r => t.Project.AffectedSvf.Select(s => (r, s)))).ToHashSet();
        var svfs = tied.SelectMany(p => p.Project.AffectedSvf).ToHashSet(StringComparer.Ordinal);
        var from = tied.Min(t => t.Project.StartDate).AddMonths(-windowMonths);
        var to = tied.Max(t => t.Project.StartDate).AddMonths(windowMonths);
        // Treated pathways within some window: (region, svf, treatment date, days, within limit or null when no limit is defined).
        var facts = new List<Fact>();
        DateOnly? latest = null;
        foreach (var p in pathways)
        {
            if (p.TreatmentStartDate is not { } treated)
            {
                continue;
            }
            latest = latest is null || treated > latest ? treated : latest;
            if (treated < from || treated >= to || (comparison == EffectComparison.SameSvfOtherRegions && !svfs.Contains(p.SvfCode)))
            {
                continue;
            }
            var days = treated.DayNumber - p.SuspicionDate.DayNumber;
            var limitDate = options.LimitDateBasis == LimitDateBasis.TreatmentStart ? treated : p.SuspicionDate;
            var limit = reference.Limits.Lookup(p.SvfCode, p.TreatmentType ?? LeadTimeLimitTable.AllTreatments, limitDate, options.SupersededLimits);
            facts.Add(new Fact(p.RegionCode, p.SvfCode, treated, days, limit.Status == LimitStatus.NotDefined ? null : days <= limit.Days));
        }
        var rows = new List<LeadTimeEffectRow>();
        foreach (var (rcc, project) in tied)
        {
            foreach (var svf in project.AffectedSvf)
            {
                var regions = project.Regions.ToHashSet(StringComparer.Ordinal);
                Func<string, string, bool> inComparison = comparison switch
                {
                    EffectComparison.OtherSvfSameRegions => (r, s) => s != svf && regions.Contains(r) && !touched.Contains((r, s)),
                    EffectComparison.AllNotAffected => (r, s) => !touched.Contains((r, s)),
                    _ => (r, s) => s == svf && !touched.Contains((r, s)),
                };
                var cells = reference.Regions.SelectMany(r => reference.Svfs.Select(s => (Region: r.Code, Svf: s.Code))).Where(c => inComparison(c.Region, c.Svf)).ToList();
                var comparisonRegions = cells.Select(c => c.Region).Distinct().ToList();
                var start = project.StartDate;
                var before = (From: start.AddMonths(-windowMonths), To: start);
                var after = (From: start, To: start.AddMonths(windowMonths));
                Group Select(Func<Fact, bool> which, (DateOnly From, DateOnly To) w) =>
                    new(facts.Where(f => which(f) && f.Treated >= w.From && f.Treated < w.To).ToList(), options.ConfidenceZ);
                bool IsTreated(Fact f) => f.Svf == svf && regions.Contains(f.Region);
                bool IsComparison(Fact f) => inComparison(f.Region, f.Svf);
                var groups = new Groups(Select(IsTreated, before), Select(IsTreated, after), Select(IsComparison, before), Select(IsComparison, after));
                var complete = latest is { } l && l >= after.To.AddDays(-1);
                var note = (cells.Count == 0 ? "ingen jämförelsegrupp: inga förlopp utan projekt att jämföra med; " : "") +
                           (comparison == EffectComparison.SameSvfOtherRegions ? "" : "jämförelsegruppen blandar SVF med olika ledtidsgränser; ") +
                           (complete ? "" : "efterperioden är inte hel i inrapporterade data; ") + "samband, inte bevisad effekt";
                var context = new RowContext(year, rcc, project, svf, windowMonths, comparison, Describe(comparison, svf, project, comparisonRegions), comparisonRegions, complete, note);
                rows.Add(ShareRow(context, groups, options.ConfidenceZ));
                rows.Add(MedianRow(context, groups, options.ConfidenceZ));
            }
        }
        return rows;
    }

    private static string Describe(EffectComparison comparison, string svf, InvestmentProject project, List<string> regions) => comparison switch
    {
        EffectComparison.OtherSvfSameRegions =>
            $"andra SVF än {svf} i projektets regioner ({string.Join(",", project.Regions)}), utom SVF som något projekt kopplar till regionen",
        EffectComparison.AllNotAffected => $"alla förlopp (region × SVF) som inget projekt kopplar till, {regions.Count} regioner",
        _ => $"{svf} i de {regions.Count} regioner som inget projekt kopplar till {svf}",
    };

    private static LeadTimeEffectRow ShareRow(RowContext x, Groups g, double z)
    {
        var (tb, ta, cb, ca) = (g.TreatedBefore.Share, g.TreatedAfter.Share, g.ComparisonBefore.Share, g.ComparisonAfter.Share);
        // Normal approximation: the groups are independent samples; each share has variance p(1 − p) / n.
        static double Var(Group group) => group.Share.Value!.Value * (1 - group.Share.Value.Value) / group.WithLimit;
        Estimate Change(Group b, Group a) => b.Share.Value is { } vb && a.Share.Value is { } va ? Normal(va - vb, Var(b) + Var(a), z) : Estimate.None;
        var treated = Change(g.TreatedBefore, g.TreatedAfter);
        var comparisonChange = Change(g.ComparisonBefore, g.ComparisonAfter);
        var did = treated.Value is { } t && comparisonChange.Value is { } c
            ? Normal(t - c, Var(g.TreatedBefore) + Var(g.TreatedAfter) + Var(g.ComparisonBefore) + Var(g.ComparisonAfter), z)
            : Estimate.None;
        return x.Row(ShareMeasure, ShareIntervalMethod, [g.TreatedBefore.WithLimit, g.TreatedAfter.WithLimit, g.ComparisonBefore.WithLimit, g.ComparisonAfter.WithLimit],
            tb, ta, cb, ca, treated, comparisonChange, did);
    }

    private static LeadTimeEffectRow MedianRow(RowContext x, Groups g, double z)
    {
        var rng = new SplitMix64(BootstrapSeed);
        var resampled = new[] { g.TreatedBefore, g.TreatedAfter, g.ComparisonBefore, g.ComparisonAfter }.Select(group => group.BootstrapMedians(rng)).ToArray();
        var level = 1 - 2 * (1 - NormalCdf(z));
        Estimate Combine(double? point, params (int Group, int Sign)[] terms)
        {
            if (point is not { } p || terms.Any(t => resampled[t.Group] is null))
            {
                return Estimate.None;
            }
            var values = new double[BootstrapResamples];
            for (var b = 0; b < values.Length; b++)
            {
                values[b] = terms.Sum(t => t.Sign * resampled[t.Group]![b]);
            }
            Array.Sort(values);
            return new Estimate(p, Quantile(values, (1 - level) / 2), Quantile(values, 1 - (1 - level) / 2));
        }
        var (tb, ta, cb, ca) = (g.TreatedBefore.Median, g.TreatedAfter.Median, g.ComparisonBefore.Median, g.ComparisonAfter.Median);
        var treated = Combine(ta.Value - tb.Value, (1, 1), (0, -1));
        var comparisonChange = Combine(ca.Value - cb.Value, (3, 1), (2, -1));
        var did = Combine(treated.Value - comparisonChange.Value, (1, 1), (0, -1), (3, -1), (2, 1));
        return x.Row(MedianMeasure, MedianIntervalMethod, [g.TreatedBefore.Count, g.TreatedAfter.Count, g.ComparisonBefore.Count, g.ComparisonAfter.Count],
            tb, ta, cb, ca, treated, comparisonChange, did);
    }

    private static Estimate Normal(double value, double variance, double z)
    {
        var half = z * Math.Sqrt(variance);
        return new Estimate(value, value - half, value + half);
    }

    /// <summary>Quantile of sorted values by linear interpolation between closest ranks (type 7, as the indicators' percentiles).</summary>
    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        return low + 1 < sorted.Length ? sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
    }

    /// <summary>Standard normal distribution function Φ(z) (Abramowitz and Stegun 7.1.26; error under 1.5e-7).</summary>
    internal static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    private readonly record struct Fact(string Region, string Svf, DateOnly Treated, int Days, bool? Within);

    private readonly record struct Estimate(double? Value, double? Low, double? High)
    {
        public static readonly Estimate None = new(null, null, null);
    }

    private sealed record Groups(Group TreatedBefore, Group TreatedAfter, Group ComparisonBefore, Group ComparisonAfter);

    private sealed record RowContext(int Year, string Rcc, InvestmentProject Project, string Svf, int Window, EffectComparison Comparison, string Description,
        List<string> ComparisonRegions, bool Complete, string Note)
    {
        public LeadTimeEffectRow Row(string measure, string method, int[] n, Estimate tb, Estimate ta, Estimate cb, Estimate ca, Estimate treated, Estimate comparison, Estimate did) => new()
        {
            Year = Year, RccCode = Rcc, ProjectId = Project.ProjectId, ProjectName = Project.Name, Regions = string.Join(",", Project.Regions), Svf = Svf,
            StartDate = Project.StartDate, WindowMonths = Window, Measure = measure,
            ComparisonGroup = Code(Comparison), ComparisonDescription = Description, ComparisonRegions = string.Join(",", ComparisonRegions),
            TreatedBeforeN = n[0], TreatedBefore = tb.Value, TreatedBeforeCiLow = tb.Low, TreatedBeforeCiHigh = tb.High,
            TreatedAfterN = n[1], TreatedAfter = ta.Value, TreatedAfterCiLow = ta.Low, TreatedAfterCiHigh = ta.High,
            ComparisonBeforeN = n[2], ComparisonBefore = cb.Value, ComparisonBeforeCiLow = cb.Low, ComparisonBeforeCiHigh = cb.High,
            ComparisonAfterN = n[3], ComparisonAfter = ca.Value, ComparisonAfterCiLow = ca.Low, ComparisonAfterCiHigh = ca.High,
            TreatedChange = treated.Value, TreatedChangeCiLow = treated.Low, TreatedChangeCiHigh = treated.High,
            ComparisonChange = comparison.Value, ComparisonChangeCiLow = comparison.Low, ComparisonChangeCiHigh = comparison.High,
            DifferenceInDifferences = did.Value, DidCiLow = did.Low, DidCiHigh = did.High, IntervalMethod = method,
            AfterWindowComplete = Complete, Note = Note,
        };
    }

    /// <summary>The treated pathways of one group and window: share within the limit (Wilson interval) and median (order-statistic interval).</summary>
    private sealed class Group
    {
        private readonly int[] _sorted;

        public Group(List<Fact> items, double z)
        {
            Count = items.Count;
            WithLimit = items.Count(i => i.Within is not null);
            var within = items.Count(i => i.Within == true);
            var ci = Statistics.Wilson(within, WithLimit, z);
            Share = WithLimit > 0 ? new Estimate((double)within / WithLimit, ci?.Low, ci?.High) : Estimate.None;
            _sorted = items.Select(i => i.Days).Order().ToArray();
            if (_sorted.Length == 0)
            {
                Median = Estimate.None;
                return;
            }
            // Distribution-free interval for the median: order statistics x(j) and x(k) with j = ⌊n/2 − z√n/2⌋, k = ⌈1 + n/2 + z√n/2⌉.
            var n = _sorted.Length;
            var j = Math.Max(1, (int)Math.Floor(n / 2.0 - z * Math.Sqrt(n) / 2));
            var k = Math.Min(n, (int)Math.Ceiling(1 + n / 2.0 + z * Math.Sqrt(n) / 2));
            Median = new Estimate(MedianOfSorted(i => _sorted[i], n), _sorted[j - 1], _sorted[k - 1]);
        }

        public int Count { get; }
        public int WithLimit { get; }
        public Estimate Share { get; }
        public Estimate Median { get; }

        /// <summary>
        /// The medians of <see cref="BootstrapResamples"/> resamples (n draws with replacement each), or null for an empty group.
        /// A draw picks a position in the sorted values; the resample's median is found by counting draws per distinct value, so a
        /// resample costs O(n + distinct values) and no sorting.
        /// </summary>
        public double[]? BootstrapMedians(SplitMix64 rng)
        {
            var n = _sorted.Length;
            if (n == 0)
            {
                return null;
            }
            var distinct = _sorted.Distinct().ToArray();
            var slot = new int[n];
            for (int i = 0, d = 0; i < n; i++)
            {
                while (distinct[d] != _sorted[i])
                {
                    d++;
                }
                slot[i] = d;
            }
            var counts = new int[distinct.Length];
            var medians = new double[BootstrapResamples];
            for (var b = 0; b < medians.Length; b++)
            {
                Array.Clear(counts);
                for (var i = 0; i < n; i++)
                {
                    counts[slot[rng.Next(n)]]++;
                }
                medians[b] = MedianOfSorted(rank =>
                {
                    for (int d = 0, seen = 0; ; d++)
                    {
                        seen += counts[d];
                        if (seen > rank)
                        {
                            return distinct[d];
                        }
                    }
                }, n);
            }
            return medians;
        }

        /// <summary>The median (type 7 at p = 0.5, as the indicators'): the middle value, or the mean of the two middle values.</summary>
        private static double MedianOfSorted(Func<int, int> at, int n) => n % 2 == 1 ? at(n / 2) : (at(n / 2 - 1) + at(n / 2)) / 2.0;
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): a small generator fully specified here, so the bootstrap is the same on every platform and version.</summary>
    internal sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A whole number in [0, n): the high 32 bits times n, shifted (Lemire's multiply-shift).</summary>
        public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);
    }
}

/// <summary>One line of the difference-in-differences table (docs/special-investments.md §4; columns in docs/output-columns.md).</summary>
public sealed record LeadTimeEffectRow
{
    public required int Year { get; init; }
    public required string RccCode { get; init; }
    public required string ProjectId { get; init; }
    public required string ProjectName { get; init; }
    public required string Regions { get; init; }
    public required string Svf { get; init; }
    public required DateOnly StartDate { get; init; }
    public required int WindowMonths { get; init; }
    /// <summary>within_limit_share (fraction) or lead_time_median (days).</summary>
    public required string Measure { get; init; }
    /// <summary>same_svf_other_regions, other_svf_same_regions or all_not_affected (<see cref="EffectComparison"/>).</summary>
    public required string ComparisonGroup { get; init; }
    /// <summary>The comparison group in Swedish words.</summary>
    public required string ComparisonDescription { get; init; }
    public required string ComparisonRegions { get; init; }
    public required int TreatedBeforeN { get; init; }
    public double? TreatedBefore { get; init; }
    public double? TreatedBeforeCiLow { get; init; }
    public double? TreatedBeforeCiHigh { get; init; }
    public required int TreatedAfterN { get; init; }
    public double? TreatedAfter { get; init; }
    public double? TreatedAfterCiLow { get; init; }
    public double? TreatedAfterCiHigh { get; init; }
    public required int ComparisonBeforeN { get; init; }
    public double? ComparisonBefore { get; init; }
    public double? ComparisonBeforeCiLow { get; init; }
    public double? ComparisonBeforeCiHigh { get; init; }
    public required int ComparisonAfterN { get; init; }
    public double? ComparisonAfter { get; init; }
    public double? ComparisonAfterCiLow { get; init; }
    public double? ComparisonAfterCiHigh { get; init; }
    public double? TreatedChange { get; init; }
    public double? TreatedChangeCiLow { get; init; }
    public double? TreatedChangeCiHigh { get; init; }
    public double? ComparisonChange { get; init; }
    public double? ComparisonChangeCiLow { get; init; }
    public double? ComparisonChangeCiHigh { get; init; }
    public double? DifferenceInDifferences { get; init; }
    public double? DidCiLow { get; init; }
    public double? DidCiHigh { get; init; }
    /// <summary>How the intervals were computed (Swedish).</summary>
    public required string IntervalMethod { get; init; }
    /// <summary>False when the submitted data end before the after window does.</summary>
    public required bool AfterWindowComplete { get; init; }
    public required string Note { get; init; }
}
