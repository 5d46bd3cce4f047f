using Svf.Domain;
using Svf.ReferenceData;

namespace Svf.Indicators;

/// <summary>
/// Computes the SVF indicators (docs/indicators.md) per period, per region / RCC / nation, per SVF and all SVF, per sex
/// and both. Works in two passes with bounded memory: pathways are first counted into month × region × SVF × sex cells
/// (lead times as day histograms), then the cells are summed into the requested groups. The result does not depend on
/// the order of the input.
/// </summary>
public sealed class IndicatorEngine(ReferenceDataSet reference, IndicatorOptions options)
{
    public const string AllSvf = "TOTAL";
    public const string BothSexes = "TOTAL";
    private const int SexCount = 3; // index 0 = both (only for sex-less denominators), 1 = man, 2 = kvinna

    // The first initializer also checks that the reference data fits the packed group key of pass 2.
    private readonly Dictionary<string, int> _regionIndex = FitsPackedKey(reference).Regions.Select((r, i) => (r.Code, i)).ToDictionary(t => t.Code, t => t.i);
    private readonly Dictionary<string, int> _svfIndex = reference.Svfs.Select((s, i) => (s.Code, i)).ToDictionary(t => t.Code, t => t.i);

    // RCC index of each region (-1 if its RCC is not in the reference data), for the unrolled loop of pass 2.
    // Every region's RCC is in rcc.csv (the loader refuses anything else), so this index is always found.
    private readonly int[] _regionRcc = reference.Regions.Select(r => reference.Rccs.Select(c => c.Code).ToList().IndexOf(r.RccCode)).ToArray();

    public IndicatorOptions Options => options;

    private static ReferenceDataSet FitsPackedKey(ReferenceDataSet reference) =>
        reference.Regions.Count < 1023 && reference.Rccs.Count < 1023 && reference.Svfs.Count < 1022
            ? reference
            : throw new NotSupportedException("More than 1 000 regions, RCCs or SVFs: the group key of pass 2 has 10 bits for each.");

    /// <summary>Pass 1: counts per month × region × SVF × sex. Keep the result to compute several tables from one read.</summary>
    public MonthlyCells Aggregate(IEnumerable<PathwayFact> pathways, IEnumerable<NewCasesFact> newCases)
    {
        var cells = new Dictionary<BaseKey, CellCounts>();
        CellCounts At(DateOnly date, int region, int svf, Sex sex)
        {
            var key = new BaseKey(date.Year * 12 + date.Month - 1, region, svf, (int)sex);
            if (!cells.TryGetValue(key, out var c))
            {
                cells[key] = c = new CellCounts();
            }
            return c;
        }

        foreach (var p in pathways)
        {
            if (!_regionIndex.TryGetValue(p.RegionCode, out var r) || !_svfIndex.TryGetValue(p.SvfCode, out var s))
            {
                continue;
            }
            At(p.SuspicionDate, r, s, p.Sex).Started++;
            if (p.CompletedDate is { } done)
            {
                var c = At(done, r, s, p.Sex);
                c.Completed++;
                if (p.Outcome == PathwayOutcome.CancerConfirmed)
                {
                    c.CancerConfirmed++;
                }
                if (options.InclusionNumerator == InclusionNumerator.CancerConfirmed ? p.Outcome == PathwayOutcome.CancerConfirmed : p.TreatmentStartDate is not null)
                {
                    c.InclusionNumerator++;
                }
            }
            if (p.TreatmentStartDate is { } treated)
            {
                AddLeadTime(At(treated, r, s, p.Sex), p, treated);
            }
        }
        return new MonthlyCells(cells, newCases.ToList());
    }

    private void AddLeadTime(CellCounts c, in PathwayFact p, DateOnly treated)
    {
        var days = treated.DayNumber - p.SuspicionDate.DayNumber;
        c.Treated++;
        c.LeadTimes.Add(days);
        var limit = LimitOf(p, treated);
        if (limit.Status == LimitStatus.NotDefined)
        {
            c.NoLimit++;
            return;
        }
        if (limit.Status == LimitStatus.Superseded)
        {
            c.LimitSuperseded++;
        }
        c.WithLimit++;
        var max = limit.Days;
        if (days <= max)
        {
            c.WithinLimit++;
        }
        // "More than 50 % / 75 % over the limit", compared exactly in integers: days > 1.5 max, days > 1.75 max.
        if (2L * days > 3L * max)
        {
            c.OverLow++;
        }
        if (4L * days > 7L * max)
        {
            c.OverHigh++;
        }
        c.OvertimeDays += Math.Max(0, days - max);
    }

    /// <summary>
    /// The lead-time limit a pathway treated on <paramref name="treated"/> is measured against, exactly as the engine counts
    /// it (limit version by the options' date basis, superseded limits by the options' policy). Analyses that classify
    /// pathways as within or over the limit use this, so they agree with the indicator tables.
    /// </summary>
    public LimitLookup LimitOf(in PathwayFact p, DateOnly treated)
    {
        var limitDate = options.LimitDateBasis == LimitDateBasis.TreatmentStart ? treated : p.SuspicionDate;
        return reference.Limits.Lookup(p.SvfCode, p.TreatmentType ?? LeadTimeLimitTable.AllTreatments, limitDate, options.SupersededLimits);
    }

    public IReadOnlyList<IndicatorRow> Compute(IEnumerable<PathwayFact> pathways, IEnumerable<NewCasesFact> newCases, IndicatorQuery query) =>
        Compute(Aggregate(pathways, newCases), query);

    /// <summary>Pass 2: sums the monthly cells into the groups of one period kind and turns them into indicator rows.</summary>
    public IReadOnlyList<IndicatorRow> Compute(MonthlyCells monthly, IndicatorQuery query)
    {
        // Groups are keyed by GroupKey packed into one long (see Pack): cheap to hash, and sorting the longs gives the
        // output order (period start, level, unit, SVF, sex) directly. All groups of one query have the same period kind.
        // Each monthly cell is added to its finest group (period, region, SVF, sex) only; the other eleven groups a cell
        // belongs to (see GroupsOf) are then built by rolling up: sex -> both, SVF -> all SVF, region -> RCC -> nation.
        // The counts are integers and the histograms exact, so the sums are the same as adding every cell to all twelve.
        static CellCounts At(Dictionary<long, CellCounts> d, long k)
        {
            if (!d.TryGetValue(k, out var c))
            {
                d[k] = c = new CellCounts();
            }
            return c;
        }

        var finest = new Dictionary<long, CellCounts>();
        foreach (var (key, counts) in monthly.Cells)
        {
            var month = new DateOnly(key.Month / 12, key.Month % 12 + 1, 1);
            var period = ReportingPeriod.Of(query.PeriodKind, month);
            if (query.Within is { } w && !w.Contains(period))
            {
                continue;
            }
            At(finest, Pack(period.Start.DayNumber, 2, key.Region, key.Svf, key.Sex)).Add(counts);
        }

        // Region level, this SVF: the finest groups themselves, plus both sexes.
        var regionSvf = new Dictionary<long, CellCounts>(finest.Count * 3 / 2);
        foreach (var (k, g) in finest)
        {
            if (Sex(k) == 0)
            {
                At(regionSvf, k).Add(g);
                continue;
            }
            regionSvf.Add(k, g);
            At(regionSvf, WithSex(k, 0)).Add(g);
        }
        // Region level, all SVF. All-SVF inclusion is pooled over SVF with a diagnosis group only (see docs/indicators.md).
        var regionAll = new Dictionary<long, CellCounts>();
        foreach (var (k, g) in regionSvf)
        {
            At(regionAll, WithSvf(k, -1)).Add(g, withInclusionNumerator: reference.Svfs[Svf(k)].HasIcdList);
        }
        var rcc = new Dictionary<long, CellCounts>();
        foreach (var level2 in (Dictionary<long, CellCounts>[])[regionSvf, regionAll])
        {
            foreach (var (k, g) in level2)
            {
                var region = Unit(k);
                var r = _regionRcc[region];
                At(rcc, WithUnit(k, 1, r)).Add(g);
            }
        }
        var groups = new Dictionary<long, CellCounts>(regionSvf.Count + regionAll.Count + rcc.Count * 2);
        foreach (var (k, g) in rcc)
        {
            At(groups, WithUnit(k, 0, 0)).Add(g);
        }
        foreach (var d in (Dictionary<long, CellCounts>[])[regionSvf, regionAll, rcc])
        {
            foreach (var (k, g) in d)
            {
                groups.Add(k, g);
            }
        }
        CellCounts Group(long k) => At(groups, k);

        foreach (var nc in monthly.NewCases)
        {
            if (!_regionIndex.TryGetValue(nc.RegionCode, out var r) || !_svfIndex.TryGetValue(nc.SvfCode, out var s))
            {
                continue;
            }
            foreach (var (period, share) in Apportion(nc.Period, query.PeriodKind))
            {
                if (query.Within is { } w && !w.Contains(period))
                {
                    continue;
                }
                foreach (var g in GroupsOf(period, r, s, nc.Sex is { } sex ? (int)sex : 0))
                {
                    if (g.Svf < 0 && !reference.Svfs[s].HasIcdList)
                    {
                        continue;
                    }
                    var target = Group(Pack(g.Period.Start.DayNumber, g.Level, g.Unit, g.Svf, g.Sex));
                    target.NewCases += nc.NewCases * share;
                    target.HasNewCases = true;
                    target.HasBothSexesFigure |= nc.Sex is null;
                }
            }
        }

        // Inclusion numerators are pooled only where the denominator exists, so a missing new-cases figure cannot
        // inflate a rate with cancers that have nothing to be divided by: a region's SVF row counts towards its RCC's
        // and the nation's SVF rows only if that region sent the SVF's figure, and an SVF row counts towards the
        // all-SVF row of its unit only if it has a figure (and the SVF a diagnosis group).
        // Likewise by sex: where a region gave its figures by sex, its both-sexes row counts a sex's numerator only if that
        // sex has a figure (one woman with a figure and one man without give 1 of the women's figure, not 2).
        var pooled = new Dictionary<long, long>();
        foreach (var (k, g) in groups)
        {
            if (Level(k) == 2 && Svf(k) >= 0 && g.HasNewCases)
            {
                var numerator = Sex(k) != 0 || g.HasBothSexesFigure ? g.InclusionNumerator : NumeratorOfSexesWithFigure(k);
                var rccOfRegion = _regionRcc[Unit(k)];
                foreach (var up in new[] { k, WithUnit(k, 1, rccOfRegion), WithUnit(k, 0, 0) })
                {
                    pooled[up] = pooled.GetValueOrDefault(up) + numerator;
                }
            }
        }
        long NumeratorOfSexesWithFigure(long bothSexes)
        {
            long sum = 0;
            for (var sex = 1; sex < SexCount; sex++)
            {
                if (groups.TryGetValue(WithSex(bothSexes, sex), out var bySex) && bySex.HasNewCases)
                {
                    sum += bySex.InclusionNumerator;
                }
            }
            return sum;
        }
        foreach (var (k, g) in groups)
        {
            if (Svf(k) >= 0)
            {
                g.InclusionNumerator = pooled.GetValueOrDefault(k);
            }
        }
        var pooledAll = new Dictionary<long, long>();
        foreach (var (k, g) in groups)
        {
            if (Svf(k) >= 0 && g.HasNewCases && reference.Svfs[Svf(k)].HasIcdList)
            {
                var total = WithSvf(k, -1);
                pooledAll[total] = pooledAll.GetValueOrDefault(total) + g.InclusionNumerator;
            }
        }
        foreach (var (k, g) in groups)
        {
            if (Svf(k) < 0)
            {
                g.InclusionNumerator = pooledAll.GetValueOrDefault(k);
            }
        }

        // Keys are unique, so this gives the same order as a stable OrderBy/ThenBy on the five parts of the key.
        var keys = new long[groups.Count];
        var values = new CellCounts[groups.Count];
        groups.Keys.CopyTo(keys, 0);
        groups.Values.CopyTo(values, 0);
        Array.Sort(keys, values);
        var result = new List<IndicatorRow>(keys.Length);
        for (var n = 0; n < keys.Length; n++)
        {
            result.Add(ToRow(Unpack(keys[n], query.PeriodKind), values[n], query));
        }
        return result;
    }

    // Packed group key, most significant first: period start (day number), level (2 bits), unit (10 bits), SVF + 1
    // (10 bits, -1 = all SVF), sex (2 bits). Every part is non-negative, so comparing packed keys compares the parts in order.
    private static long Pack(int day, int level, int unit, int svf, int sex) =>
        ((long)day << 24) | ((long)level << 22) | ((long)unit << 12) | ((long)(svf + 1) << 2) | (long)sex;

    private static int Unit(long k) => (int)(k >> 12) & 1023;

    private static int Level(long k) => (int)(k >> 22) & 3;

    private static int Svf(long k) => ((int)(k >> 2) & 1023) - 1;

    private static int Sex(long k) => (int)k & 3;

    private static long WithSex(long k, int sex) => (k & ~3L) | (long)sex;

    private static long WithSvf(long k, int svf) => (k & ~(1023L << 2)) | ((long)(svf + 1) << 2);

    private static long WithUnit(long k, int level, int unit) => (k & ~((3L << 22) | (1023L << 12))) | ((long)level << 22) | ((long)unit << 12);

    private static GroupKey Unpack(long k, PeriodKind kind) => new(
        ReportingPeriod.Of(kind, DateOnly.FromDayNumber((int)(k >> 24))), (int)(k >> 22) & 3, (int)(k >> 12) & 1023, ((int)(k >> 2) & 1023) - 1, (int)k & 3);

    /// <summary>The periods of a kind that a new-cases figure's period overlaps, with the share of the figure each gets.</summary>
    private IEnumerable<(ReportingPeriod Period, double Share)> Apportion(ReportingPeriod figure, PeriodKind kind)
    {
        var seen = new HashSet<ReportingPeriod>();
        foreach (var month in figure.MonthsWithin())
        {
            var target = ReportingPeriod.Of(kind, month.Start);
            if (!seen.Add(target))
            {
                continue;
            }
            if (target.Contains(figure))
            {
                yield return (target, 1.0);
            }
            else if (options.ProrateNewCases)
            {
                var overlap = figure.MonthsWithin().Count(m => target.Contains(m));
                yield return (target, (double)overlap / figure.Months);
            }
        }
    }

    private IEnumerable<GroupKey> GroupsOf(ReportingPeriod period, int region, int svf, int sex)
    {
        foreach (var (level, unit) in new[] { (0, 0), (1, _regionRcc[region]), (2, region) })
        {
            foreach (var s in new[] { svf, -1 })
            {
                yield return new GroupKey(period, level, unit, s, 0);
                if (sex != 0)
                {
                    yield return new GroupKey(period, level, unit, s, sex);
                }
            }
        }
    }

    private IndicatorRow ToRow(GroupKey k, CellCounts c, IndicatorQuery q)
    {
        var z = options.ConfidenceZ;
        var min = q.ForPublication ? options.MinPublishedCellSize : 0;
        var suppressed = false;
        long? Count(long n)
        {
            if (n > 0 && n < min)
            {
                suppressed = true;
                return null;
            }
            return n;
        }
        double? Share(long x, long n)
        {
            if (n == 0)
            {
                return null;
            }
            // A share is withheld with its numerator too: share × denominator would give the hidden count back.
            if (n < min || (x > 0 && x < min))
            {
                suppressed = true;
                return null;
            }
            return (double)x / n;
        }

        var (level, code, name) = k.Level switch
        {
            0 => ("nation", "SE", "Riket"),
            1 => ("rcc", reference.Rccs[k.Unit].Code, reference.Rccs[k.Unit].NameSv),
            _ => ("region", reference.Regions[k.Unit].Code, reference.Regions[k.Unit].Name),
        };

        // Prorated figures are sums of fractions: rounding to a millionth removes float noise like 60190.99999999999.
        var denominator = Math.Round(c.NewCases, 6);
        var inclusionRate = c.HasNewCases && denominator > 0 ? c.InclusionNumerator / denominator : (double?)null;
        var inclusionCi = inclusionRate is null ? null : Statistics.Wilson(c.InclusionNumerator, denominator, z);
        var within = Share(c.WithinLimit, c.WithLimit);
        var withinCi = within is null ? null : Statistics.Wilson(c.WithinLimit, c.WithLimit, z);
        var leadTimesShown = c.Treated >= Math.Max(1, min);
        if (!leadTimesShown && c.Treated > 0)
        {
            suppressed = true;
        }
        if (inclusionRate is not null && c.InclusionNumerator > 0 && c.InclusionNumerator < min)
        {
            suppressed = true;
            inclusionRate = null;
            inclusionCi = null;
        }

        return new IndicatorRow
        {
            Period = k.Period.ToString(),
            PeriodKind = k.Period.Kind.ToString().ToLowerInvariant(),
            Level = level,
            UnitCode = code,
            UnitName = name,
            Svf = k.Svf < 0 ? AllSvf : reference.Svfs[k.Svf].Code,
            Sex = k.Sex == 0 ? BothSexes : ((Sex)k.Sex).Code(),
            Started = Count(c.Started),
            Completed = Count(c.Completed),
            CancerConfirmed = Count(c.CancerConfirmed),
            CancerShare = Share(c.CancerConfirmed, c.Completed),
            // Without a denominator there is no inclusion rate, and a numerator alone would only repeat cancer_confirmed.
            InclusionNumerator = c.HasNewCases ? Count(c.InclusionNumerator) : null,
            InclusionDenominator = c.HasNewCases ? denominator : null,
            InclusionRate = inclusionRate,
            InclusionCiLow = inclusionCi?.Low,
            InclusionCiHigh = inclusionCi?.High,
            InclusionGoalMet = inclusionRate is { } ir ? ir >= (double)options.InclusionGoal : null,
            Treated = Count(c.Treated),
            LeadTimeMedian = leadTimesShown ? c.LeadTimes.Percentile(0.5) : null,
            LeadTimeP80 = leadTimesShown ? c.LeadTimes.Percentile(0.8) : null,
            LeadTimeP90 = leadTimesShown ? c.LeadTimes.Percentile(0.9) : null,
            WithLimit = Count(c.WithLimit),
            WithinLimit = Count(c.WithinLimit),
            WithinLimitShare = within,
            WithinLimitCiLow = withinCi?.Low,
            WithinLimitCiHigh = withinCi?.High,
            LeadTimeGoalMet = within is { } wl ? wl >= (double)options.LeadTimeGoal : null,
            NoLimitDefined = Count(c.NoLimit),
            LimitSuperseded = Count(c.LimitSuperseded),
            OverLimit50 = Count(c.OverLow),
            OverLimit50Share = Share(c.OverLow, c.WithLimit),
            OverLimit75 = Count(c.OverHigh),
            OverLimit75Share = Share(c.OverHigh, c.WithLimit),
            OvertimeDays = c.WithLimit >= min ? c.OvertimeDays : null,
            Suppressed = suppressed,
        };
    }

    internal readonly record struct BaseKey(int Month, int Region, int Svf, int Sex);

    private readonly record struct GroupKey(ReportingPeriod Period, int Level, int Unit, int Svf, int Sex);
}

/// <summary>The result of pass 1: monthly cells plus the new-cases figures. Reusable for several period kinds.</summary>
public sealed class MonthlyCells
{
    internal MonthlyCells(Dictionary<IndicatorEngine.BaseKey, CellCounts> cells, List<NewCasesFact> newCases)
    {
        Cells = cells;
        NewCases = newCases;
    }

    internal Dictionary<IndicatorEngine.BaseKey, CellCounts> Cells { get; }

    internal List<NewCasesFact> NewCases { get; }
}
