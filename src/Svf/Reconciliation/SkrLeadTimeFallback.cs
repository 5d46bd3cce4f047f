using Svf.Assessment;
using Svf.Domain;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Reconciliation;

/// <summary>
/// SKR's figures as the fallback source for a 2026 lead-time condition that a region's own submissions cannot assess
/// ("RCC i samverkan ska bistå med data insamlad hos SKR"). Used only when asked for (svf assess --skr-fallback); the
/// result is marked data_source = skr and its evidence names the SKR import. It applies only where SKR's rows can give
/// the condition's figure: the condition's ICD narrowing must cover the whole SVF, and rows with treated and within_limit
/// must cover every month of the period. Otherwise the result stays "cannot be assessed" and its evidence says
/// "<see cref="CannotAssess"/>: " and why.
/// </summary>
/// <remarks>
/// Colon and rectum (2026): SKR's figures are per SVF, and there is one SVF for both, TJOCK_ANDTARM ("Tjock- och
/// ändtarmscancer", svf.csv). The conditions split it by ICD code (colon C18; rectum C19 + C20), which no SKR row can
/// give, so both are always "kan inte bedömas från SKR-data" (docs/skr-reconciliation.md §5).
/// </remarks>
public sealed class SkrLeadTimeFallback(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options, long? importId = null) : ILeadTimeFallback
{
    /// <summary>How every fallback that cannot help begins its addition to the evidence.</summary>
    public const string CannotAssess = "kan inte bedömas från SKR-data";

    private (SkrImportInfo? Import, List<SkrFigure> Figures)? _data;

    public ConditionResult? Assess(AgreementRules rules, ConditionRule condition, Region region, ConditionResult own)
    {
        if (condition.Svf is not { } svf || condition.Period is not { } periodText || condition.Threshold is not { } threshold)
        {
            return null;
        }
        _data ??= SkrStore.Figures(db, importId, null);
        var (import, figures) = _data.Value;
        if (import is null)
        {
            return Cannot(own, "inga SKR-data importerade");
        }
        if (!CoversWholeSvf(svf, condition.IcdPrefixes))
        {
            return Cannot(own, $"SKR:s data är per SVF och delar inte upp {svf} på ICD {string.Join(", ", condition.IcdPrefixes)} (villkoret gäller bara den delen av SVF:et)");
        }
        var period = ReportingPeriod.Parse(periodText);
        var rows = figures.Where(f => f.RegionCode == region.Code && f.Svf == svf && f.Treated is not null && f.WithinLimit is not null
            && ReportingPeriod.TryParse(f.Period, out var p) && period.Contains(p)).ToList();
        var used = Tile(rows.Where(r => r.Sex == SkrColumns.Total).ToList(), period)
            ?? (Tile(rows.Where(r => r.Sex == "M").ToList(), period) is { } men && Tile(rows.Where(r => r.Sex == "K").ToList(), period) is { } women ? [.. men, .. women] : null);
        if (used is null)
        {
            return Cannot(own, $"SKR:s data (import {import.Id}) täcker inte {svf} för hela {periodText}");
        }
        long within = used.Sum(r => r.WithinLimit!.Value), treated = used.Sum(r => r.Treated!.Value);
        if (treated == 0)
        {
            return Cannot(own, $"SKR:s data (import {import.Id}) har inga behandlade för {svf} {periodText}");
        }
        var share = (double)within / treated;
        var met = within >= threshold * treated;
        var ci = Statistics.Wilson(within, treated, options.ConfidenceZ);
        var sv = SwedishFormat.Culture;
        return own with
        {
            Outcome = met ? ConditionOutcome.Met : ConditionOutcome.NotMet,
            Value = share, Numerator = within, Denominator = treated, Threshold = (double)threshold, CiLow = ci?.Low, CiHigh = ci?.High,
            DataSource = DataSources.Skr,
            Evidence = string.Create(sv,
                $"ENLIGT SKR:S DATA (import {import.Id}, {import.FileName}; egna data: {own.Reason ?? own.Evidence}): inom ledtid {SwedishFormat.Percent(share)} ({within:N0} av {treated:N0}), krav {SwedishFormat.Percent((double)threshold, 0)}, {periodText}"),
            Reason = met ? null : string.Create(sv, $"enligt SKR:s data {((double)threshold - share) * 100:0.00} procentenheter under kravet"),
        };
    }

    private static ConditionResult Cannot(ConditionResult own, string why) => own with { Evidence = $"{own.Evidence}; {CannotAssess}: {why}" };

    /// <summary>True when the ICD prefixes leave no part of the SVF out (no narrowing, or every range of the SVF starts with one).</summary>
    private bool CoversWholeSvf(string svf, IReadOnlyList<string> prefixes)
    {
        if (prefixes.Count == 0)
        {
            return true;
        }
        if (!reference.SvfsByCode.TryGetValue(svf, out var def) || !def.HasIcdList)
        {
            return false;
        }
        return def.IcdCodes.Where(r => !r.Excluded).All(r => prefixes.Any(p => r.Low.StartsWith(p, StringComparison.Ordinal) && r.High.StartsWith(p, StringComparison.Ordinal)));
    }

    /// <summary>Rows of one period kind whose months are exactly the period's, coarsest kind first; null if none tiles it.</summary>
    private static List<SkrFigure>? Tile(List<SkrFigure> rows, ReportingPeriod period)
    {
        var months = period.MonthsWithin().ToHashSet();
        foreach (var group in rows.GroupBy(r => ReportingPeriod.Parse(r.Period).Kind).OrderByDescending(g => ReportingPeriod.Parse(g.First().Period).Months))
        {
            var covered = group.SelectMany(r => ReportingPeriod.Parse(r.Period).MonthsWithin()).ToList();
            if (covered.Count == months.Count && covered.ToHashSet().SetEquals(months))
            {
                return group.ToList();
            }
        }
        return null;
    }
}
