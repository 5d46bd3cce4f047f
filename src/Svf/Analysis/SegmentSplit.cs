using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Analysis;

/// <summary>The three segments of a lead time, in pathway order.</summary>
public enum LeadTimeSegment
{
    /// <summary>Välgrundad misstanke → första besök.</summary>
    SuspicionToFirstVisit,
    /// <summary>Första besök → behandlingsbeslut.</summary>
    FirstVisitToDecision,
    /// <summary>Behandlingsbeslut → start av behandling.</summary>
    DecisionToTreatment,
}

public static class LeadTimeSegments
{
    public static readonly IReadOnlyList<LeadTimeSegment> All = [LeadTimeSegment.SuspicionToFirstVisit, LeadTimeSegment.FirstVisitToDecision, LeadTimeSegment.DecisionToTreatment];

    public static string NameSv(this LeadTimeSegment s) => s switch
    {
        LeadTimeSegment.SuspicionToFirstVisit => "misstanke → första besök",
        LeadTimeSegment.FirstVisitToDecision => "första besök → behandlingsbeslut",
        _ => "behandlingsbeslut → behandlingsstart",
    };
}

/// <summary>
/// "Where the days are lost" for one unit (region or nation) and SVF (or all SVF): the mean days per segment of the
/// pathways over the limit against those within it, and each segment's excess (over minus within). The excesses sum to
/// the excess of the whole lead time, so <see cref="LargestExcessShare"/> is the part of the extra days one segment holds.
/// Method and hand-worked example: docs/lead-time-analyses.md.
/// </summary>
public sealed record SegmentSplitRow
{
    public required string Period { get; init; }
    /// <summary>nation or region.</summary>
    public required string Level { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    /// <summary>An SVF code, or TOTAL for all SVF.</summary>
    public required string Svf { get; init; }
    public long? OverLimit { get; init; }
    public long? WithinLimit { get; init; }
    /// <summary>Treated pathways with a limit whose segment dates are missing or out of order: not in the split.</summary>
    public long? NotSplittable { get; init; }
    public double? OverToFirstVisit { get; init; }
    public double? OverToDecision { get; init; }
    public double? OverToTreatment { get; init; }
    public double? OverTotal { get; init; }
    public double? WithinToFirstVisit { get; init; }
    public double? WithinToDecision { get; init; }
    public double? WithinToTreatment { get; init; }
    public double? WithinTotal { get; init; }
    public double? ExcessToFirstVisit { get; init; }
    public double? ExcessToDecision { get; init; }
    public double? ExcessToTreatment { get; init; }
    public double? ExcessTotal { get; init; }
    /// <summary>The segment with the largest excess (null when not computable).</summary>
    public LeadTimeSegment? LargestExcessSegment { get; init; }
    /// <summary>That segment's excess as a share of the whole excess.</summary>
    public double? LargestExcessShare { get; init; }
    public bool Suppressed { get; init; }
}

public static class SegmentSplit
{
    private sealed class Sums
    {
        public long OverN, WithinN, NotSplittable;
        public readonly long[] Over = new long[3];
        public readonly long[] Within = new long[3];
    }

    /// <summary>
    /// Splits the treated pathways (already limited to the period) per region and nation, per SVF and all SVF.
    /// Pathways whose SVF and treatment have no limit are left out, as in the within-limit share.
    /// </summary>
    /// <param name="minCell">Publication rule: with fewer pathways than this over or within the limit, the means are withheld (0 = no rule).</param>
    public static List<SegmentSplitRow> Compute(IEnumerable<TreatedPathway> pathways, IndicatorEngine engine, ReferenceDataSet reference, string period, int minCell = 0)
    {
        var groups = new Dictionary<(int Level, string Unit, string Svf), Sums>();
        Sums At((int, string, string) k) => groups.TryGetValue(k, out var s) ? s : groups[k] = new Sums();
        foreach (var p in pathways)
        {
            var limit = engine.LimitOf(p.AsFact(), p.TreatmentStartDate);
            if (limit.Status == LimitStatus.NotDefined || !reference.RegionsByCode.ContainsKey(p.RegionCode))
            {
                continue;
            }
            var over = p.LeadTimeDays > limit.Days;
            var seg = p.Segments();
            foreach (var key in new[] { (1, p.RegionCode, p.SvfCode), (1, p.RegionCode, IndicatorEngine.AllSvf), (0, "SE", p.SvfCode), (0, "SE", IndicatorEngine.AllSvf) })
            {
                var s = At(key);
                if (seg is not { } d)
                {
                    s.NotSplittable++;
                    continue;
                }
                var target = over ? s.Over : s.Within;
                target[0] += d.ToFirstVisit;
                target[1] += d.ToDecision;
                target[2] += d.ToTreatment;
                if (over)
                {
                    s.OverN++;
                }
                else
                {
                    s.WithinN++;
                }
            }
        }
        var svfOrder = reference.Svfs.Select((s, i) => (s.Code, i)).ToDictionary(t => t.Code, t => t.i);
        var regionOrder = reference.Regions.Select((r, i) => (r.Code, i)).ToDictionary(t => t.Code, t => t.i);
        return groups
            .OrderBy(g => g.Key.Level)
            .ThenBy(g => g.Key.Level == 0 ? -1 : regionOrder[g.Key.Unit])
            .ThenBy(g => g.Key.Svf == IndicatorEngine.AllSvf ? -1 : svfOrder.GetValueOrDefault(g.Key.Svf, int.MaxValue))
            .Select(g => Row(period, g.Key.Level, g.Key.Unit, g.Key.Level == 0 ? "Riket" : reference.RegionsByCode[g.Key.Unit].Name, g.Key.Svf, g.Value, minCell))
            .ToList();
    }

    private static SegmentSplitRow Row(string period, int level, string unit, string name, string svf, Sums s, int minCell)
    {
        var suppressed = false;
        long? Count(long n)
        {
            if (n > 0 && n < minCell)
            {
                suppressed = true;
                return null;
            }
            return n;
        }
        var row = new SegmentSplitRow
        {
            Period = period, Level = level == 0 ? "nation" : "region", UnitCode = unit, UnitName = name, Svf = svf,
            OverLimit = Count(s.OverN), WithinLimit = Count(s.WithinN), NotSplittable = Count(s.NotSplittable),
        };
        if (s.OverN == 0 || s.WithinN == 0 || s.OverN < minCell || s.WithinN < minCell)
        {
            return row with { Suppressed = suppressed || (minCell > 0 && (s.OverN < minCell || s.WithinN < minCell) && s.OverN + s.WithinN > 0) };
        }
        var over = s.Over.Select(x => (double)x / s.OverN).ToArray();
        var within = s.Within.Select(x => (double)x / s.WithinN).ToArray();
        var excess = over.Zip(within, (o, w) => o - w).ToArray();
        var total = excess.Sum();
        var largest = Enumerable.Range(0, 3).OrderByDescending(i => excess[i]).ThenBy(i => i).First();
        return row with
        {
            OverToFirstVisit = over[0], OverToDecision = over[1], OverToTreatment = over[2], OverTotal = over.Sum(),
            WithinToFirstVisit = within[0], WithinToDecision = within[1], WithinToTreatment = within[2], WithinTotal = within.Sum(),
            ExcessToFirstVisit = excess[0], ExcessToDecision = excess[1], ExcessToTreatment = excess[2], ExcessTotal = total,
            LargestExcessSegment = LeadTimeSegments.All[largest],
            LargestExcessShare = total > 0 ? excess[largest] / total : null,
            Suppressed = suppressed,
        };
    }
}
