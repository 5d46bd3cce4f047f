using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Reports;

/// <summary>
/// Makes a region's draft report for a year: the waiting-time figures per SVF filled in from the indicator engine (for
/// the rules' measurement period, H1 by default), every text section present and empty for the region to write.
/// </summary>
public static class ReportPrefill
{
    public static ReportingPeriod MeasurementPeriod(AgreementRules rules) =>
        rules.Conditions.FirstOrDefault(c => c.Type == ConditionType.Inclusion)?.Period is { } p ? ReportingPeriod.Parse(p) : new ReportingPeriod(PeriodKind.HalfYear, rules.Year, 1);

    /// <param name="rows">Indicator rows computed for <see cref="MeasurementPeriod"/> (any levels; the region's are picked).</param>
    public static RegionReport Create(AgreementRules rules, ReferenceDataSet reference, string region, IReadOnlyList<IndicatorRow> rows)
    {
        var period = MeasurementPeriod(rules).ToString();
        var regionRows = rows.Where(r => r.Level == "region" && r.UnitCode == region && r.Sex == IndicatorEngine.BothSexes && r.Period == period)
            .ToDictionary(r => r.Svf, StringComparer.Ordinal);
        var status = ReportCompleteness.SvfInScope(rules, reference).Select(svf =>
        {
            var row = regionRows.GetValueOrDefault(svf.Code);
            var deep = rules.DeepDiveThreshold switch { 0.50m => row?.OverLimit50Share, 0.75m => row?.OverLimit75Share, _ => null };
            return new SvfStatusEntry(svf.Code, row?.Treated, row?.WithinLimitShare, deep, "");
        }).ToList();
        var texts = rules.ReportTemplate.Sections.Where(s => s.Kind == ReportSectionKind.Text).ToDictionary(s => s.Id, _ => "");
        return new RegionReport
        {
            Region = region,
            Year = rules.Year,
            SvfStatus = status,
            Prem = new PremSection(null, "", ""),
            Obstacles = [],
            Texts = texts,
            OwnInclusionRate = null,
        };
    }
}
