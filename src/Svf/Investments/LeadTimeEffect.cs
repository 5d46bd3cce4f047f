using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Investments;

/// <summary>
/// The lead-time effect table of the final report (docs/special-investments.md §4): for each project tied to SVF and
/// regions, the share within the limit and the median lead time of the affected pathways (the project's regions × its
/// SVF) in a window before and after the project's start, beside the same change in comparable pathways not affected
/// (the same SVF in the regions that no project of the year ties to that SVF): a difference-in-differences. A pathway
/// falls in a window by its treatment start date. This is an association, not proof of an effect.
/// </summary>
public static class LeadTimeEffect
{
    public const string ShareMeasure = "within_limit_share";
    public const string MedianMeasure = "lead_time_median";

    /// <param name="projects">The projects, with the RCC each belongs to; those without affected SVF are skipped.</param>
    /// <param name="pathways">Pathway facts (only treated ones of the projects' SVF matter); read once.</param>
    /// <param name="windowMonths">Length of the before and the after window, months.</param>
    public static IReadOnlyList<LeadTimeEffectRow> Compute(int year, IReadOnlyList<(string Rcc, InvestmentProject Project)> projects,
        IEnumerable<PathwayFact> pathways, ReferenceDataSet reference, IndicatorOptions options, int windowMonths = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowMonths, 1);
        var tied = projects.Where(p => p.Project.AffectedSvf.Count > 0 && p.Project.Regions.Count > 0).ToList();
        if (tied.Count == 0)
        {
            return [];
        }
        var svfs = tied.SelectMany(p => p.Project.AffectedSvf).ToHashSet(StringComparer.Ordinal);
        // Every treated pathway of those SVF: (region, svf, treatment date, days, within limit or null when no limit is defined).
        var facts = new List<(string Region, string Svf, DateOnly Treated, int Days, bool? Within)>();
        DateOnly? latest = null;
        foreach (var p in pathways)
        {
            if (p.TreatmentStartDate is not { } treated || !svfs.Contains(p.SvfCode))
            {
                continue;
            }
            var days = treated.DayNumber - p.SuspicionDate.DayNumber;
            var limitDate = options.LimitDateBasis == LimitDateBasis.TreatmentStart ? treated : p.SuspicionDate;
            var limit = reference.Limits.Lookup(p.SvfCode, p.TreatmentType ?? LeadTimeLimitTable.AllTreatments, limitDate, options.SupersededLimits);
            facts.Add((p.RegionCode, p.SvfCode, treated, days, limit.Status == LimitStatus.NotDefined ? null : days <= limit.Days));
            latest = latest is null || treated > latest ? treated : latest;
        }
        var rows = new List<LeadTimeEffectRow>();
        foreach (var (rcc, project) in tied)
        {
            foreach (var svf in project.AffectedSvf)
            {
                // Comparable pathways: the same SVF in regions no project of the year ties to it.
                var touched = tied.Where(t => t.Project.AffectedSvf.Contains(svf)).SelectMany(t => t.Project.Regions).ToHashSet(StringComparer.Ordinal);
                var comparison = reference.Regions.Select(r => r.Code).Where(r => !touched.Contains(r)).ToList();
                var start = project.StartDate;
                var before = (From: start.AddMonths(-windowMonths), To: start);
                var after = (From: start, To: start.AddMonths(windowMonths));
                Group Select(IReadOnlyCollection<string> regions, (DateOnly From, DateOnly To) w) =>
                    new(facts.Where(f => f.Svf == svf && regions.Contains(f.Region) && f.Treated >= w.From && f.Treated < w.To).Select(f => (f.Days, f.Within)).ToList(), options.ConfidenceZ);
                var tb = Select(project.Regions, before);
                var ta = Select(project.Regions, after);
                var cb = Select(comparison, before);
                var ca = Select(comparison, after);
                var complete = latest is { } l && l >= after.To.AddDays(-1);
                var note = (comparison.Count == 0 ? "ingen jämförelsegrupp: alla regioner har projekt för SVF:en; " : "") +
                           (complete ? "" : "efterperioden är inte hel i inrapporterade data; ") + "samband, inte bevisad effekt";
                rows.Add(Row(year, rcc, project, svf, windowMonths, comparison, ShareMeasure, tb.Share, ta.Share, cb.Share, ca.Share, tb, ta, cb, ca, complete, note, shareDid: true));
                rows.Add(Row(year, rcc, project, svf, windowMonths, comparison, MedianMeasure, tb.Median, ta.Median, cb.Median, ca.Median, tb, ta, cb, ca, complete, note, shareDid: false));
            }
        }
        return rows;
    }

    private static LeadTimeEffectRow Row(int year, string rcc, InvestmentProject p, string svf, int window, List<string> comparison, string measure,
        Estimate tb, Estimate ta, Estimate cb, Estimate ca, Group gtb, Group gta, Group gcb, Group gca, bool complete, string note, bool shareDid)
    {
        double? treatedChange = ta.Value - tb.Value, comparisonChange = ca.Value - cb.Value;
        var did = treatedChange - comparisonChange;
        (double Low, double High)? didCi = null;
        if (shareDid && did is { } d)
        {
            // Normal approximation: the four shares are independent; variance p(1 − p) / n each.
            var variance = new[] { gtb, gta, gcb, gca }.Sum(g => g.Share.Value!.Value * (1 - g.Share.Value.Value) / g.WithLimit);
            var half = gtb.Z * Math.Sqrt(variance);
            didCi = (d - half, d + half);
        }
        return new LeadTimeEffectRow
        {
            Year = year, RccCode = rcc, ProjectId = p.ProjectId, ProjectName = p.Name, Regions = string.Join(",", p.Regions), Svf = svf,
            StartDate = p.StartDate, WindowMonths = window, Measure = measure, ComparisonRegions = string.Join(",", comparison),
            TreatedBeforeN = shareDid ? gtb.WithLimit : gtb.Count, TreatedBefore = tb.Value, TreatedBeforeCiLow = tb.Low, TreatedBeforeCiHigh = tb.High,
            TreatedAfterN = shareDid ? gta.WithLimit : gta.Count, TreatedAfter = ta.Value, TreatedAfterCiLow = ta.Low, TreatedAfterCiHigh = ta.High,
            ComparisonBeforeN = shareDid ? gcb.WithLimit : gcb.Count, ComparisonBefore = cb.Value, ComparisonBeforeCiLow = cb.Low, ComparisonBeforeCiHigh = cb.High,
            ComparisonAfterN = shareDid ? gca.WithLimit : gca.Count, ComparisonAfter = ca.Value, ComparisonAfterCiLow = ca.Low, ComparisonAfterCiHigh = ca.High,
            TreatedChange = treatedChange, ComparisonChange = comparisonChange, DifferenceInDifferences = did,
            DidCiLow = didCi?.Low, DidCiHigh = didCi?.High, AfterWindowComplete = complete, Note = note,
        };
    }

    private readonly record struct Estimate(double? Value, double? Low, double? High);

    /// <summary>The treated pathways of one group and window: share within the limit (Wilson interval) and median (order-statistic interval).</summary>
    private sealed class Group
    {
        public Group(List<(int Days, bool? Within)> items, double z)
        {
            Z = z;
            Count = items.Count;
            WithLimit = items.Count(i => i.Within is not null);
            var within = items.Count(i => i.Within == true);
            var ci = Statistics.Wilson(within, WithLimit, z);
            Share = WithLimit > 0 ? new Estimate((double)within / WithLimit, ci?.Low, ci?.High) : new Estimate(null, null, null);
            var sorted = items.Select(i => i.Days).Order().ToArray();
            if (sorted.Length == 0)
            {
                Median = new Estimate(null, null, null);
                return;
            }
            var h = new LeadTimeHistogram();
            foreach (var d in sorted)
            {
                h.Add(d);
            }
            // Distribution-free interval for the median: order statistics x(j) and x(k) with j = ⌊n/2 − z√n/2⌋, k = ⌈1 + n/2 + z√n/2⌉.
            var n = sorted.Length;
            var j = Math.Max(1, (int)Math.Floor(n / 2.0 - z * Math.Sqrt(n) / 2));
            var k = Math.Min(n, (int)Math.Ceiling(1 + n / 2.0 + z * Math.Sqrt(n) / 2));
            Median = new Estimate(h.Percentile(0.5), sorted[j - 1], sorted[k - 1]);
        }

        public double Z { get; }
        public int Count { get; }
        public int WithLimit { get; }
        public Estimate Share { get; }
        public Estimate Median { get; }
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
    public double? ComparisonChange { get; init; }
    public double? DifferenceInDifferences { get; init; }
    public double? DidCiLow { get; init; }
    public double? DidCiHigh { get; init; }
    /// <summary>False when the submitted data end before the after window does.</summary>
    public required bool AfterWindowComplete { get; init; }
    public required string Note { get; init; }
}
