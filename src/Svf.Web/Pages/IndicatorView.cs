using Svf.Application;
using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Web.Api;

namespace Svf.Web.Pages;

/// <summary>
/// What the indicator pages show: the table for one period kind and year (every unit the caller may see), the monthly
/// within-limit and inclusion series of one unit for the charts, and the lead-time spread per unit.
/// </summary>
public sealed class IndicatorView
{
    public required string PeriodKind { get; init; }
    public required int Year { get; init; }
    public required string Svf { get; init; }
    public required string Sex { get; init; }
    public required string Unit { get; init; }
    public required string UnitName { get; init; }
    public required IReadOnlyList<IndicatorRow> Rows { get; init; }
    public required IReadOnlyList<IndicatorRow> Monthly { get; init; }
    public required IReadOnlyList<IndicatorRow> Quarterly { get; init; }
    public required ReferenceDataSet Reference { get; init; }
    public required bool Suppressed { get; init; }
    public required string FormAction { get; init; }
    public bool UnitFixed { get; init; }

    /// <summary>The table as a download through the API: "csv" or "xlsx".</summary>
    public string DownloadLink(string format) => $"/api/v1/indicators?period_kind={PeriodKind}&within={Year}&svf={Svf}&sex={Sex}{(UnitFixed ? "&unit=" + Unit : "")}&format={format}";

    public static IndicatorView Build(IndicatorUseCases indicators, ReferenceDataSet reference, Caller caller, string formAction,
        string? periodKind, int? year, string? svf, string? sex, string? unit, bool unitFixed, int defaultYear)
    {
        var kind = periodKind ?? "halfyear";
        var y = year ?? defaultYear;
        svf = string.IsNullOrWhiteSpace(svf) ? IndicatorEngine.AllSvf : svf;
        sex = string.IsNullOrWhiteSpace(sex) ? IndicatorEngine.BothSexes : sex;
        unit = string.IsNullOrWhiteSpace(unit) ? IndicatorUseCases.NationCode : unit;
        var within = new ReportingPeriod(Domain.PeriodKind.Year, y, 1).ToString();
        var table = indicators.Query(caller, DataEndpoints.IndicatorRequestFrom(kind, within, null, unitFixed ? unit : null, svf, sex, false));
        var monthly = indicators.Query(caller, DataEndpoints.IndicatorRequestFrom("month", within, null, unit, svf, sex, false));
        var quarterly = indicators.Query(caller, DataEndpoints.IndicatorRequestFrom("quarter", within, null, unit, svf, sex, false));
        var name = unit == IndicatorUseCases.NationCode ? "Riket"
            : reference.RegionsByCode.TryGetValue(unit, out var r) ? r.Name
            : reference.Rccs.FirstOrDefault(x => x.Code == unit)?.NameSv ?? unit;
        return new IndicatorView
        {
            PeriodKind = kind, Year = y, Svf = svf, Sex = sex, Unit = unit, UnitName = name, Rows = table, Monthly = monthly, Quarterly = quarterly,
            Reference = reference, Suppressed = caller.AlwaysSuppressed, FormAction = formAction, UnitFixed = unitFixed,
        };
    }
}
