using Svf.Analysis;
using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// The analyses of why lead-time goals are missed (docs/lead-time-analyses.md), for one year, as tables: where the days are
/// lost (<see cref="SegmentSplitRow"/>), women and men compared fairly (<see cref="SexDifferenceRow"/>) and the regions' stated
/// obstacles per SVF (<see cref="ObstacleGroupRow"/>). The same computations as the report to the ministry. Scoped to the caller:
/// the nation's rows and the regions it may see (a region reporter its own, an RCC coordinator its RCC's); the obstacles
/// (other regions' own texts, before publication) only to analysts and ministry viewers. Ministry viewers always get the
/// publication rule. Audited as "analysis.read"; a refusal as "analysis.denied".
/// </summary>
public sealed class AnalysisUseCases
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly IndicatorOptions _options;
    private readonly Scope _scope;

    public AnalysisUseCases(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options)
    {
        _db = db;
        _reference = reference;
        _options = options;
        _scope = new Scope(db, reference);
    }

    /// <summary>The segment split per region and nation, per SVF and all SVF, of the pathways treated in <paramref name="year"/>.</summary>
    public IReadOnlyList<SegmentSplitRow> Segments(Caller caller, int year, bool forPublication = false)
    {
        var (period, minCell) = Begin(caller, year, forPublication);
        var treated = TreatedPathwaySource.Read(_db, period);
        var rows = SegmentSplit.Compute(treated, Engine(), _reference, period.ToString(), minCell).Where(r => CanSee(caller, r.Level, r.UnitCode)).ToList();
        return Audited(caller, "segments", year, minCell, rows);
    }

    /// <summary>Women compared with men, crude and standardised for the SVF mix, per region and nation.</summary>
    public IReadOnlyList<SexDifferenceRow> SexDifferences(Caller caller, int year, bool forPublication = false)
    {
        var (period, minCell) = Begin(caller, year, forPublication);
        var treated = TreatedPathwaySource.Read(_db, period);
        var rows = SexStandardisation.Compute(treated, Engine(), _reference, period.ToString(), minCell: minCell).Where(r => CanSee(caller, r.Level, r.UnitCode)).ToList();
        return Audited(caller, "sex-difference", year, minCell, rows);
    }

    /// <summary>The obstacles named in the regions' latest submitted yearly reports for <paramref name="year"/>, per SVF, with the SVF's national figures.</summary>
    public IReadOnlyList<ObstacleGroupRow> Obstacles(Caller caller, int year, bool forPublication = false)
    {
        var (period, minCell) = Begin(caller, year, forPublication);
        _scope.Demand(caller.CanSeeAssessmentResults, caller, "analysis", null, null, $"{caller.RoleText} får inte se regionernas beskrivna hinder för hela riket.");
        var engine = Engine();
        var yearRows = engine.Compute(IndicatorSource.Pathways(_db), IndicatorSource.NewCases(_db), new IndicatorQuery(PeriodKind.Year, period, minCell > 0))
            .Where(r => r.Period == period.ToString() && r.Level == "nation").ToList();
        var segments = SegmentSplit.Compute(TreatedPathwaySource.Read(_db, period), engine, _reference, period.ToString(), minCell)
            .Where(s => s.Level == "nation");
        var rows = ObstacleGrouping.Compute(year, ObstacleGrouping.LatestSubmitted(_db, year), yearRows, segments, _reference);
        return Audited(caller, "obstacles", year, minCell, rows);
    }

    private IndicatorEngine Engine() => new(_reference, _options);

    private (ReportingPeriod Period, int MinCell) Begin(Caller caller, int year, bool forPublication)
    {
        _scope.CheckCaller(caller, "analysis");
        _scope.Demand(caller.CanSeeNationalAggregates, caller, "analysis", null, null, $"{caller.RoleText} får inte se analyserna.");
        if (year is < 2015 or > 2100)
        {
            throw new ArgumentException($"Ogiltigt år {year}: ange ett år från 2015 (det första SVF-året).");
        }
        return (new ReportingPeriod(PeriodKind.Year, year, 1), forPublication || caller.AlwaysSuppressed ? _options.MinPublishedCellSize : 0);
    }

    private List<T> Audited<T>(Caller caller, string kind, int year, int minCell, List<T> rows)
    {
        _scope.Audit(caller, "analysis.read", caller.Role == Role.RegionReporter ? caller.RegionCode : null, null,
            $"{kind} {year}{(minCell > 0 ? ", publiceringsregel" : "")}: {rows.Count} rader");
        return rows;
    }

    private bool CanSee(Caller caller, string level, string unit) => level == "nation" ? caller.CanSeeNationalAggregates : caller.CanSeeRegionAggregates(unit, _reference);
}
