using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Application;

/// <summary>Which indicator rows to compute: periods of one kind (optionally within one period), narrowed by level, unit, SVF and sex.</summary>
/// <param name="PeriodKind">Month, quarter, half-year or year.</param>
/// <param name="Within">Only periods inside this one (e.g. 2025 or 2025-H1); null for every period with data.</param>
public sealed record IndicatorRequest(PeriodKind PeriodKind, ReportingPeriod? Within = null)
{
    /// <summary>"nation", "rcc" or "region"; null for all levels the caller may see.</summary>
    public string? Level { get; init; }

    /// <summary>A unit: "SE" (the nation), an RCC code (e.g. "Norr") or a region code (e.g. "01"); null for all the caller may see.</summary>
    public string? UnitCode { get; init; }

    /// <summary>An SVF code, or "TOTAL" for all SVF pooled; null for all.</summary>
    public string? Svf { get; init; }

    /// <summary>"M", "K" or "TOTAL"; null for all.</summary>
    public string? Sex { get; init; }

    /// <summary>Apply the publication rule (small-cell suppression). Always applied for ministry viewers.</summary>
    public bool ForPublication { get; init; }
}

/// <summary>
/// The indicator tables, scoped to the caller: a region reporter sees its region and the nation; an RCC coordinator its regions,
/// its RCC and the nation; analysts and ministry viewers everything (ministry viewers always with publication suppression).
/// Audited as "indicators.read"; asking for a unit one may not see is refused and audited as "indicators.denied".
/// </summary>
public sealed class IndicatorUseCases
{
    /// <summary>The unit code of the nation in <see cref="IndicatorRow.UnitCode"/>.</summary>
    public const string NationCode = "SE";

    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly IndicatorOptions _options;
    private readonly Scope _scope;
    private readonly ResultCache _cache;
    private readonly Lazy<string> _configuration;

    /// <param name="db">The database (migrated).</param>
    /// <param name="reference">The configured reference data.</param>
    /// <param name="options">The indicator definitions' open points (goals, suppression size, …).</param>
    /// <param name="cache">Where computed tables are kept between reads (shared by the host's services); null: one of this service's own.</param>
    public IndicatorUseCases(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options, ResultCache? cache = null)
    {
        _db = db;
        _reference = reference;
        _options = options;
        _scope = new Scope(db, reference);
        _cache = cache ?? new ResultCache();
        _configuration = new Lazy<string>(() => DataVersion.Configuration(reference, options));
    }

    /// <summary>The indicator rows of the request that the caller may see, in the engine's order (period, level, unit, SVF, sex).</summary>
    /// <exception cref="ArgumentException">An unknown level, unit, SVF or sex.</exception>
    /// <exception cref="AccessDeniedException">A unit the caller may not see, or an administrator (audited as "indicators.denied").</exception>
    public IReadOnlyList<IndicatorRow> Query(Caller caller, IndicatorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _scope.CheckCaller(caller, "indicators");
        if (request.Level is not null and not ("nation" or "rcc" or "region"))
        {
            throw new ArgumentException($"Okänd nivå '{request.Level}': använd nation, rcc eller region.");
        }
        if (request.Svf is { } svf && svf != IndicatorEngine.AllSvf && !_reference.SvfsByCode.ContainsKey(svf))
        {
            throw new ArgumentException($"Okänd SVF-kod '{svf}'. Se svf.csv (t.ex. BROST, PROSTATA) eller {IndicatorEngine.AllSvf} för alla.");
        }
        if (request.Sex is not null and not ("M" or "K" or IndicatorEngine.BothSexes))
        {
            throw new ArgumentException($"Okänt kön '{request.Sex}': använd M, K eller {IndicatorEngine.BothSexes}.");
        }
        string? regionOfUnit = null;
        if (request.UnitCode is { } unit)
        {
            var level = UnitLevel(unit);
            if (level == "region")
            {
                regionOfUnit = _scope.Region(unit);
            }
            _scope.Demand(CanSee(caller, level, unit), caller, "indicators", regionOfUnit, null, $"{caller.RoleText} får inte se indikatorerna för {unit}.");
        }
        _scope.Demand(caller.CanSeeNationalAggregates, caller, "indicators", null, null, $"{caller.RoleText} får inte se indikatorer.");

        var publication = request.ForPublication || caller.AlwaysSuppressed;
        // A single region's rows need only its data; anything else involves the nation's.
        var rows = Table(regionOfUnit, new IndicatorQuery(request.PeriodKind, request.Within, publication))
            .Where(r => (request.Level is null || r.Level == request.Level)
                        && (request.UnitCode is null || r.UnitCode == request.UnitCode)
                        && (request.Svf is null || r.Svf == request.Svf)
                        && (request.Sex is null || r.Sex == request.Sex)
                        && CanSee(caller, r.Level, r.UnitCode))
            .ToList();
        _scope.Audit(caller, "indicators.read", regionOfUnit ?? (caller.Role == Role.RegionReporter ? caller.RegionCode : null), null,
            $"{request.PeriodKind} {request.Within?.ToString() ?? "alla perioder"}, nivå {request.Level ?? "alla"}, enhet {request.UnitCode ?? "alla"}, " +
            $"SVF {request.Svf ?? "alla"}, kön {request.Sex ?? "alla"}{(publication ? ", publiceringsregel" : "")}: {rows.Count} rader");
        return rows;
    }

    /// <summary>
    /// All rows of a query over the nation's data (<paramref name="region"/> null) or one region's, from the cache while the
    /// current submissions are unchanged: the monthly cells (pass 1, the one read of the pathway rows) are kept per data
    /// source, the rows (pass 2) per query, both under the version of the current submissions and the configuration.
    /// </summary>
    private IReadOnlyList<IndicatorRow> Table(string? region, IndicatorQuery query)
    {
        var version = DataVersion.Submissions(_db) + "|" + _configuration.Value;
        var source = region ?? "*";
        return _cache.GetOrCompute($"indicators.rows|{source}|{query.PeriodKind}|{query.Within}|{query.ForPublication}", version, () =>
        {
            var engine = new IndicatorEngine(_reference, _options);
            var cells = _cache.GetOrCompute($"indicators.cells|{source}", version,
                () => engine.Aggregate(IndicatorSource.Pathways(_db, region), IndicatorSource.NewCases(_db, region)));
            return engine.Compute(cells, query);
        });
    }

    private string UnitLevel(string unit) =>
        unit == NationCode ? "nation"
        : _reference.Rccs.Any(r => r.Code == unit) ? "rcc"
        : "region";

    private bool CanSee(Caller caller, string level, string unit) => level switch
    {
        "nation" => caller.CanSeeNationalAggregates,
        "rcc" => caller.CanSeeRccAggregates(unit),
        _ => caller.CanSeeRegionAggregates(unit, _reference),
    };
}
