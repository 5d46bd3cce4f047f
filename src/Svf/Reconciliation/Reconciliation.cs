using System.Globalization;
using Svf.Domain;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Reconciliation;

/// <summary>How far apart two figures may be and still agree (docs/skr-reconciliation.md §3).</summary>
public sealed record ReconciliationTolerance
{
    /// <summary>Counts agree when the difference is at most this many (pathways, patients).</summary>
    public long Absolute { get; init; } = 2;
    /// <summary>…or at most this fraction of the larger of the two figures (0.02 = 2 %).</summary>
    public double Relative { get; init; } = 0.02;
    /// <summary>Medians agree when they differ by at most this many days (or by at most <see cref="Relative"/>).</summary>
    public double Days { get; init; } = 1.0;

    /// <summary>True when the figures differ beyond both the absolute and the relative tolerance.</summary>
    public bool Differs(double ours, double skr, bool days)
    {
        var d = Math.Abs(skr - ours);
        return d > (days ? Days : Absolute) + 1e-9 && d > Relative * Math.Max(Math.Abs(ours), Math.Abs(skr)) + 1e-9;
    }
}

public enum CellStatus
{
    Agree,
    Differs,
    /// <summary>Socialstyrelsen has figures for the cell, SKR has none.</summary>
    OnlyOurs,
    /// <summary>SKR has figures for the cell, Socialstyrelsen has none.</summary>
    OnlySkr,
    /// <summary>SKR's row names an SVF code that is not in svf.csv: it cannot be matched.</summary>
    UnknownSvf,
}

/// <summary>One compared value (or one cell present on one side only). Columns in docs/output-columns.md.</summary>
public sealed record ReconciliationCell
{
    public required string RegionCode { get; init; }
    public required string RegionName { get; init; }
    public required string Svf { get; init; }
    public required string Sex { get; init; }
    public required string Period { get; init; }
    /// <summary>started, completed, treated, within_limit or lead_time_median; empty for a cell present on one side only.</summary>
    public required string Measure { get; init; }
    public required CellStatus Status { get; init; }
    public double? Ours { get; init; }
    public double? Skr { get; init; }
    /// <summary>SKR minus Socialstyrelsen.</summary>
    public double? Difference { get; init; }
    /// <summary>The difference as a fraction of Socialstyrelsen's figure (null when that is 0 or missing).</summary>
    public double? RelativeDifference { get; init; }
}

/// <summary>How well one region's figures agree.</summary>
public sealed record ReconciliationRegionTotal
{
    public required string RegionCode { get; init; }
    public required string RegionName { get; init; }
    public required int CellsMatched { get; init; }
    public required int ValuesCompared { get; init; }
    public required int ValuesAgree { get; init; }
    public required int ValuesDiffer { get; init; }
    public required int OnlyOurs { get; init; }
    public required int OnlySkr { get; init; }
    public required int UnknownSvf { get; init; }
    /// <summary>Pathways started, summed over the matched cells of single SVF and the finest sex level both sides give.</summary>
    public required long StartedOurs { get; init; }
    public required long StartedSkr { get; init; }
    public double? AgreementShare { get; init; }
    public required bool FullyAgrees { get; init; }
}

/// <summary>The reconciliation in brief, with a paragraph the national report can quote.</summary>
public sealed record ReconciliationSummary
{
    public long? ImportId { get; init; }
    public string? FileName { get; init; }
    public DateTime? ReceivedAtUtc { get; init; }
    public required string Periods { get; init; }
    public required long AbsoluteTolerance { get; init; }
    public required double RelativeTolerance { get; init; }
    public required double DaysTolerance { get; init; }
    public required int CellsMatched { get; init; }
    public required int ValuesCompared { get; init; }
    public required int ValuesAgree { get; init; }
    public required int ValuesDiffer { get; init; }
    public required int OnlyOurs { get; init; }
    public required int OnlySkr { get; init; }
    public required int UnknownSvf { get; init; }
    public required int RegionsCompared { get; init; }
    public required int RegionsFullyAgreeing { get; init; }
    public required string TextSv { get; init; }
}

/// <summary>Everything one reconciliation found: the summary, the cells that do not agree (or all), the totals per region.</summary>
public sealed record ReconciliationResult(ReconciliationSummary Summary, IReadOnlyList<ReconciliationCell> Cells, IReadOnlyList<ReconciliationRegionTotal> Regions);

/// <summary>
/// Compares SKR's aggregate waiting-time figures cell by cell (region × SVF × sex × period) with the same figures computed
/// by the indicator engine from the regions' own submissions. National users see every region; a region's user only its own.
/// </summary>
public sealed class ReconciliationService(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options)
{
    private static readonly string[] Measures = [SkrColumns.Started, SkrColumns.Completed, SkrColumns.Treated, SkrColumns.WithinLimit, SkrColumns.LeadTimeMedian];

    /// <param name="actor">Who asks (audited).</param>
    /// <param name="regionScope">A region's user: only this region's cells. Null = national (Socialstyrelsen).</param>
    /// <param name="importId">An earlier SKR import; null = the current one.</param>
    /// <param name="includeAgreeing">Also list the values that agree (the full table); otherwise only the rest.</param>
    public ReconciliationResult Reconcile(string actor, string? regionScope, ReconciliationTolerance? tolerance = null, long? importId = null, bool includeAgreeing = false)
    {
        tolerance ??= new ReconciliationTolerance();
        if (regionScope is not null && !reference.RegionsByCode.ContainsKey(regionScope))
        {
            throw new ArgumentException($"Okänd region '{regionScope}'.", nameof(regionScope));
        }
        var (import, figures) = SkrStore.Figures(db, importId, regionScope);
        if (import is null)
        {
            throw new KeyNotFoundException(importId is null ? "Inga godkända SKR-data är importerade. Importera med: svf skr import FIL" : $"SKR-importen {importId} finns inte.");
        }
        var result = Compare(figures, regionScope, tolerance, includeAgreeing);
        var summary = result.Summary with { ImportId = import.Id, FileName = import.FileName, ReceivedAtUtc = import.ReceivedAtUtc };
        summary = summary with { TextSv = SummaryText(summary) };
        AuditLog.Write(db, actor, "skr.reconciled", regionScope, null,
            $"SKR import {import.Id} ({import.FileName}): {summary.ValuesDiffer} differ, {summary.OnlyOurs} only ours, {summary.OnlySkr} only SKR, {summary.UnknownSvf} unknown SVF");
        return result with { Summary = summary };
    }

    /// <summary>The comparison itself, from SKR's figures and the submissions in the database (no audit; for tests and the service).</summary>
    internal ReconciliationResult Compare(IReadOnlyList<SkrFigure> figures, string? regionScope, ReconciliationTolerance tolerance, bool includeAgreeing)
    {
        var periods = figures.Select(f => f.Period).Distinct(StringComparer.Ordinal).Select(ReportingPeriod.Parse).ToList();
        // The levels SKR reports (all SVF or single SVF; both sexes or split by sex; period kind): ours are compared at the same.
        var levels = figures.Select(f => Level(f.Svf == SkrColumns.Total, f.Sex != SkrColumns.Total, ReportingPeriod.Parse(f.Period).Kind)).ToHashSet();
        var ours = new Dictionary<(string Region, string Svf, string Sex, string Period), IndicatorRow>();
        if (periods.Count > 0)
        {
            var engine = new IndicatorEngine(reference, options);
            var monthly = engine.Aggregate(IndicatorSource.Pathways(db, regionScope), IndicatorSource.NewCases(db, regionScope));
            foreach (var kind in periods.Select(p => p.Kind).Distinct())
            {
                var wanted = periods.Where(p => p.Kind == kind).Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
                foreach (var row in engine.Compute(monthly, new IndicatorQuery(kind)))
                {
                    if (row.Level == "region" && wanted.Contains(row.Period) && levels.Contains(Level(row.Svf == IndicatorEngine.AllSvf, row.Sex != IndicatorEngine.BothSexes, kind))
                        && (regionScope is null || row.UnitCode == regionScope)
                        && ((row.Started ?? 0) + (row.Completed ?? 0) + (row.Treated ?? 0)) > 0)
                    {
                        ours[(row.UnitCode, row.Svf, row.Sex, row.Period)] = row;
                    }
                }
            }
        }

        var cells = new List<ReconciliationCell>();
        var all = new List<ReconciliationCell>();
        var matched = new List<(SkrFigure Skr, IndicatorRow Ours)>();
        var skrKeys = new HashSet<(string, string, string, string)>();
        foreach (var f in figures)
        {
            var key = (f.RegionCode, f.Svf, f.Sex, f.Period);
            skrKeys.Add(key);
            var baseCell = Cell(f.RegionCode, f.Svf, f.Sex, f.Period);
            if (f.Svf != SkrColumns.Total && !reference.SvfsByCode.ContainsKey(f.Svf))
            {
                all.Add(baseCell with { Status = CellStatus.UnknownSvf, Skr = f.Started });
                continue;
            }
            if (!ours.TryGetValue(key, out var row))
            {
                all.Add(baseCell with { Status = CellStatus.OnlySkr, Skr = f.Started });
                continue;
            }
            matched.Add((f, row));
            foreach (var measure in Measures)
            {
                var (skrValue, ourValue, days) = Values(measure, f, row);
                if (skrValue is not { } s)
                {
                    continue;
                }
                var differs = ourValue is not { } o || tolerance.Differs(o, s, days);
                all.Add(baseCell with
                {
                    Measure = measure, Status = differs ? CellStatus.Differs : CellStatus.Agree, Ours = ourValue, Skr = s,
                    Difference = ourValue is { } ov ? s - ov : null,
                    RelativeDifference = ourValue is { } rv && rv != 0 ? (s - rv) / rv : null,
                });
            }
        }
        foreach (var (key, _) in ours.Where(o => !skrKeys.Contains(o.Key)))
        {
            all.Add(Cell(key.Region, key.Svf, key.Sex, key.Period) with { Status = CellStatus.OnlyOurs, Ours = ours[key].Started });
        }
        cells.AddRange(all.Where(c => includeAgreeing || c.Status != CellStatus.Agree));
        var ordered = cells.OrderBy(c => c.RegionCode, StringComparer.Ordinal).ThenBy(c => c.Svf, StringComparer.Ordinal)
            .ThenBy(c => c.Sex, StringComparer.Ordinal).ThenBy(c => ReportingPeriod.Parse(c.Period).Start).ThenBy(c => c.Period, StringComparer.Ordinal)
            .ThenBy(c => Array.IndexOf(Measures, c.Measure)).ToList();

        var regions = reference.Regions.Where(r => regionScope is null || r.Code == regionScope).Select(r =>
        {
            var own = all.Where(c => c.RegionCode == r.Code).ToList();
            var pairs = matched.Where(m => m.Skr.RegionCode == r.Code && m.Skr.Svf != SkrColumns.Total).ToList();
            var finest = pairs.Any(p => p.Skr.Sex != SkrColumns.Total) ? pairs.Where(p => p.Skr.Sex != SkrColumns.Total).ToList() : pairs;
            var compared = own.Count(c => c.Status is CellStatus.Agree or CellStatus.Differs);
            var agree = own.Count(c => c.Status == CellStatus.Agree);
            return new ReconciliationRegionTotal
            {
                RegionCode = r.Code, RegionName = r.Name,
                CellsMatched = matched.Count(m => m.Skr.RegionCode == r.Code),
                ValuesCompared = compared, ValuesAgree = agree, ValuesDiffer = compared - agree,
                OnlyOurs = own.Count(c => c.Status == CellStatus.OnlyOurs), OnlySkr = own.Count(c => c.Status == CellStatus.OnlySkr),
                UnknownSvf = own.Count(c => c.Status == CellStatus.UnknownSvf),
                StartedOurs = finest.Sum(p => p.Ours.Started ?? 0), StartedSkr = finest.Sum(p => p.Skr.Started ?? 0),
                AgreementShare = compared > 0 ? (double)agree / compared : null,
                FullyAgrees = own.Count > 0 && own.All(c => c.Status == CellStatus.Agree),
            };
        }).ToList();

        var summary = new ReconciliationSummary
        {
            Periods = Periods(periods),
            AbsoluteTolerance = tolerance.Absolute, RelativeTolerance = tolerance.Relative, DaysTolerance = tolerance.Days,
            CellsMatched = matched.Count,
            ValuesCompared = all.Count(c => c.Status is CellStatus.Agree or CellStatus.Differs),
            ValuesAgree = all.Count(c => c.Status == CellStatus.Agree),
            ValuesDiffer = all.Count(c => c.Status == CellStatus.Differs),
            OnlyOurs = all.Count(c => c.Status == CellStatus.OnlyOurs),
            OnlySkr = all.Count(c => c.Status == CellStatus.OnlySkr),
            UnknownSvf = all.Count(c => c.Status == CellStatus.UnknownSvf),
            RegionsCompared = regions.Count(r => r.CellsMatched + r.OnlyOurs + r.OnlySkr + r.UnknownSvf > 0),
            RegionsFullyAgreeing = regions.Count(r => r.FullyAgrees),
            TextSv = "",
        };
        return new ReconciliationResult(summary with { TextSv = SummaryText(summary) }, ordered, regions);
    }

    private static (bool AllSvf, bool BySex, PeriodKind Kind) Level(bool allSvf, bool bySex, PeriodKind kind) => (allSvf, bySex, kind);

    private ReconciliationCell Cell(string region, string svf, string sex, string period) => new()
    {
        RegionCode = region, RegionName = reference.RegionsByCode.TryGetValue(region, out var r) ? r.Name : region,
        Svf = svf, Sex = sex, Period = period, Measure = "", Status = CellStatus.Agree,
    };

    private static (double? Skr, double? Ours, bool Days) Values(string measure, SkrFigure f, IndicatorRow row) => measure switch
    {
        SkrColumns.Started => (f.Started, row.Started ?? 0, false),
        SkrColumns.Completed => (f.Completed, row.Completed ?? 0, false),
        SkrColumns.Treated => (f.Treated, row.Treated ?? 0, false),
        SkrColumns.WithinLimit => (f.WithinLimit, row.WithinLimit ?? 0, false),
        _ => (f.LeadTimeMedian, row.LeadTimeMedian, true),
    };

    private static string Periods(List<ReportingPeriod> periods)
    {
        if (periods.Count == 0)
        {
            return "";
        }
        var first = periods.MinBy(p => p.Start);
        var last = periods.MaxBy(p => p.End);
        return first == last ? first.ToString() : $"{first}–{last}";
    }

    /// <summary>A paragraph for the national report (Swedish).</summary>
    public static string SummaryText(ReconciliationSummary s)
    {
        var sv = SwedishFormat.Culture;
        var source = s.FileName is null ? "SKR:s väntetidsdata" : $"SKR:s väntetidsdata (fil {s.FileName}{(s.ReceivedAtUtc is { } at ? $", mottagen {IsoDate.ToText(at)}" : "")})";
        var tolerance = string.Create(sv, $"högst {s.AbsoluteTolerance} förlopp eller {s.RelativeTolerance * 100:0.#} % skillnad, för medianer {s.DaysTolerance:0.#} dagar");
        var text = string.Create(sv,
            $"{source} har stämts av mot Socialstyrelsens beräkning från regionernas egen inrapportering för {s.Periods}. " +
            $"Av {s.ValuesCompared:N0} jämförda värden i {s.CellsMatched:N0} celler (region × SVF × kön × period) stämmer {s.ValuesAgree:N0} " +
            $"({SwedishFormat.Percent(s.ValuesCompared > 0 ? (double)s.ValuesAgree / s.ValuesCompared : null)}) inom toleransen ({tolerance}) och {s.ValuesDiffer:N0} skiljer sig. ");
        text += string.Create(sv, $"{s.OnlyOurs:N0} celler finns bara i Socialstyrelsens data och {s.OnlySkr:N0} bara i SKR:s");
        text += s.UnknownSvf > 0 ? string.Create(sv, $"; {s.UnknownSvf:N0} rader hos SKR har SVF-koder som inte finns i Socialstyrelsens SVF-lista. ") : ". ";
        text += string.Create(sv, $"Siffrorna stämmer helt för {s.RegionsFullyAgreeing} av {s.RegionsCompared} regioner.");
        return text;
    }
}
