using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Analysis;

/// <summary>Treated patients with a limit, and how many within it, for one unit, SVF and sex.</summary>
public readonly record struct SexStratum(string Svf, Sex Sex, long Treated, long Within);

/// <summary>
/// Women compared with men on the share treated within the limit, per region and nationally: the crude shares and
/// their difference, and the difference after direct standardisation to the national SVF mix of both sexes, each with
/// a 95 % interval. Difference = women − men (positive: women more often within the limit). Method and hand-worked
/// example: docs/lead-time-analyses.md.
/// </summary>
public sealed record SexDifferenceRow
{
    public required string Period { get; init; }
    public required string Level { get; init; }
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    public long? WomenTreated { get; init; }
    public long? WomenWithin { get; init; }
    public double? WomenShare { get; init; }
    public long? MenTreated { get; init; }
    public long? MenWithin { get; init; }
    public double? MenShare { get; init; }
    public double? CrudeDifference { get; init; }
    public double? CrudeCiLow { get; init; }
    public double? CrudeCiHigh { get; init; }
    public double? WomenStandardised { get; init; }
    public double? MenStandardised { get; init; }
    public double? StandardisedDifference { get; init; }
    public double? StandardisedCiLow { get; init; }
    public double? StandardisedCiHigh { get; init; }
    /// <summary>SVF of the standard used for this unit, and those of the standard left out here (a sex with too few patients).</summary>
    public int StrataUsed { get; init; }
    public string StrataLeftOut { get; init; } = "";
    /// <summary>True when the standardised interval lies wholly above or below 0.</summary>
    public bool? Significant { get; init; }
    public bool Suppressed { get; init; }
}

public static class SexStandardisation
{
    /// <summary>
    /// The standard: every SVF where each sex is at least <paramref name="minMinorityShare"/> of the nation's treated
    /// patients with a limit (sex-specific SVF such as prostate or breast cannot compare the sexes), weighted by the
    /// nation's count of both sexes together.
    /// </summary>
    public static Dictionary<string, double> NationalStandard(IEnumerable<SexStratum> national, double minMinorityShare)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var g in national.GroupBy(s => s.Svf))
        {
            var women = g.Where(s => s.Sex == Sex.Female).Sum(s => s.Treated);
            var men = g.Where(s => s.Sex == Sex.Male).Sum(s => s.Treated);
            var all = women + men;
            if (all > 0 && Math.Min(women, men) >= minMinorityShare * all)
            {
                weights[g.Key] = all;
            }
        }
        var total = weights.Values.Sum();
        return weights.ToDictionary(kv => kv.Key, kv => kv.Value / total, StringComparer.Ordinal);
    }

    /// <summary>
    /// One unit's row. A stratum of the standard is used only where both sexes have at least <paramref name="minStratum"/>
    /// patients in the unit; the weights of the strata used are rescaled to sum to 1.
    /// </summary>
    public static SexDifferenceRow Compare(string period, string level, string unitCode, string unitName, IReadOnlyList<SexStratum> strata,
        IReadOnlyDictionary<string, double> standard, double z, int minStratum, int minCell = 0)
    {
        long Sum(Sex sex, Func<SexStratum, long> f) => strata.Where(s => s.Sex == sex).Sum(f);
        var (wn, wx, mn, mx) = (Sum(Sex.Female, s => s.Treated), Sum(Sex.Female, s => s.Within), Sum(Sex.Male, s => s.Treated), Sum(Sex.Male, s => s.Within));
        var row = new SexDifferenceRow { Period = period, Level = level, UnitCode = unitCode, UnitName = unitName };
        if (minCell > 0 && (wn < minCell || mn < minCell || (wx > 0 && wx < minCell) || (mx > 0 && mx < minCell)))
        {
            // Publication: a sex with too few patients shows nothing, as the indicator tables do.
            return row with { Suppressed = true };
        }
        row = row with { WomenTreated = wn, WomenWithin = wx, MenTreated = mn, MenWithin = mx };
        if (wn == 0 || mn == 0)
        {
            return row;
        }
        double pw = (double)wx / wn, pm = (double)mx / mn;
        var crudeSe = Math.Sqrt(pw * (1 - pw) / wn + pm * (1 - pm) / mn);
        row = row with
        {
            WomenShare = pw, MenShare = pm, CrudeDifference = pw - pm, CrudeCiLow = pw - pm - z * crudeSe, CrudeCiHigh = pw - pm + z * crudeSe,
        };

        var bySvf = strata.GroupBy(s => s.Svf).ToDictionary(g => g.Key, g =>
            (W: (N: g.Where(s => s.Sex == Sex.Female).Sum(s => s.Treated), X: g.Where(s => s.Sex == Sex.Female).Sum(s => s.Within)),
             M: (N: g.Where(s => s.Sex == Sex.Male).Sum(s => s.Treated), X: g.Where(s => s.Sex == Sex.Male).Sum(s => s.Within))));
        var used = standard.Keys.Where(svf => bySvf.TryGetValue(svf, out var c) && c.W.N >= Math.Max(1, minStratum) && c.M.N >= Math.Max(1, minStratum))
            .Order(StringComparer.Ordinal).ToList();
        var leftOut = standard.Keys.Except(used).Order(StringComparer.Ordinal).ToList();
        row = row with { StrataUsed = used.Count, StrataLeftOut = string.Join(", ", leftOut) };
        if (used.Count == 0)
        {
            return row;
        }
        var weightSum = used.Sum(svf => standard[svf]);
        double sw = 0, sm = 0, vw = 0, vm = 0;
        foreach (var svf in used)
        {
            var w = standard[svf] / weightSum;
            var c = bySvf[svf];
            var p1 = (double)c.W.X / c.W.N;
            var p2 = (double)c.M.X / c.M.N;
            sw += w * p1;
            sm += w * p2;
            vw += w * w * p1 * (1 - p1) / c.W.N;
            vm += w * w * p2 * (1 - p2) / c.M.N;
        }
        var d = sw - sm;
        var se = Math.Sqrt(vw + vm);
        var (lo, hi) = (d - z * se, d + z * se);
        return row with
        {
            WomenStandardised = sw, MenStandardised = sm, StandardisedDifference = d, StandardisedCiLow = lo, StandardisedCiHigh = hi,
            Significant = lo > 0 || hi < 0,
        };
    }

    /// <summary>Per region and for the nation, from the treated pathways of the period, classified as the indicator engine does.</summary>
    public static List<SexDifferenceRow> Compute(IEnumerable<TreatedPathway> pathways, IndicatorEngine engine, ReferenceDataSet reference, string period,
        double minMinorityShare = 0.10, int minStratum = 5, int minCell = 0)
    {
        var cells = new Dictionary<(string Region, string Svf, Sex Sex), (long N, long X)>();
        foreach (var p in pathways)
        {
            var limit = engine.LimitOf(p.AsFact(), p.TreatmentStartDate);
            if (limit.Status == LimitStatus.NotDefined || !reference.RegionsByCode.ContainsKey(p.RegionCode))
            {
                continue;
            }
            var k = (p.RegionCode, p.SvfCode, p.Sex);
            var c = cells.GetValueOrDefault(k);
            cells[k] = (c.N + 1, c.X + (p.LeadTimeDays <= limit.Days ? 1 : 0));
        }
        var national = cells.GroupBy(kv => (kv.Key.Svf, kv.Key.Sex))
            .Select(g => new SexStratum(g.Key.Svf, g.Key.Sex, g.Sum(kv => kv.Value.N), g.Sum(kv => kv.Value.X))).ToList();
        var standard = NationalStandard(national, minMinorityShare);
        var z = engine.Options.ConfidenceZ;
        var rows = new List<SexDifferenceRow> { Compare(period, "nation", "SE", "Riket", national, standard, z, minStratum, minCell) };
        foreach (var region in reference.Regions)
        {
            var strata = cells.Where(kv => kv.Key.Region == region.Code).Select(kv => new SexStratum(kv.Key.Svf, kv.Key.Sex, kv.Value.N, kv.Value.X)).ToList();
            rows.Add(Compare(period, "region", region.Code, region.Name, strata, standard, z, minStratum, minCell));
        }
        return rows;
    }
}
