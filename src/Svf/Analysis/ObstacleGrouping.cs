using System.Text.Json.Serialization;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Storage;

namespace Svf.Analysis;

/// <summary>
/// The regions' stated obstacles (the "hinder" of their yearly reports) for one SVF, next to the SVF's national figures:
/// how many regions name the SVF, and their descriptions with identical texts merged. Method: docs/lead-time-analyses.md.
/// </summary>
public sealed record ObstacleGroupRow
{
    public required int Year { get; init; }
    public required string Svf { get; init; }
    public required string SvfName { get; init; }
    /// <summary>Share of the nation's women (men) treated within the limit in the SVF (null: no patients, or suppressed).</summary>
    public double? WomenWithinLimitShare { get; init; }
    public double? MenWithinLimitShare { get; init; }
    /// <summary>Share of the nation's treated patients (both sexes) who waited more than 50 % over the limit.</summary>
    [JsonPropertyName("over_limit_50pct_share")]
    public double? OverLimit50Share { get; init; }
    /// <summary>The segment holding most of the extra days nationally (segment split), when it can be computed.</summary>
    public LeadTimeSegment? LargestExcessSegment { get; init; }
    /// <summary>Regions that describe an obstacle in the SVF.</summary>
    public required long Regions { get; init; }
    /// <summary>Their codes, in order, separated by ", ".</summary>
    public required string RegionCodes { get; init; }
    /// <summary>Descriptions given (a region's two texts for the SVF count twice; equal texts from several regions count each).</summary>
    public required long Mentions { get; init; }
    /// <summary>Each distinct text (most frequent first, then alphabetically) with the regions' names in brackets, separated by " | ".</summary>
    public required string Descriptions { get; init; }
}

public static class ObstacleGrouping
{
    /// <summary>The latest submitted version of each region's yearly report for <paramref name="year"/>, by region code.</summary>
    public static Dictionary<string, RegionReport> LatestSubmitted(SvfDatabase db, int year) =>
        RegionReportStore.History(db, year).Where(h => h.Status == ReportStatus.Submitted).GroupBy(h => h.RegionCode)
            .ToDictionary(g => g.Key, g => g.Last().Content, StringComparer.Ordinal);

    /// <summary>
    /// One row per SVF (reference order) that some region names an obstacle in. Empty descriptions and unknown SVF codes are
    /// left out. Figures from the year's national indicator rows and the national segment split (as given: suppressed stays null).
    /// </summary>
    public static List<ObstacleGroupRow> Compute(int year, IReadOnlyDictionary<string, RegionReport> reports, IEnumerable<IndicatorRow> yearRows,
        IEnumerable<SegmentSplitRow> segments, ReferenceDataSet reference)
    {
        var named = reports.Values.SelectMany(r => r.Obstacles.Where(o => !string.IsNullOrWhiteSpace(o.Description)).Select(o => (r.Region, o.Svf, Text: o.Description.Trim())))
            .Where(o => reference.SvfsByCode.ContainsKey(o.Svf)).ToList();
        var nation = yearRows.Where(r => r.Level == "nation").ToList();
        var nationSegments = segments.Where(s => s.Level == "nation").ToList();
        string Name(string region) => reference.RegionsByCode.TryGetValue(region, out var r) ? r.Name : region;
        var rows = new List<ObstacleGroupRow>();
        foreach (var svf in reference.Svfs.Where(s => named.Any(n => n.Svf == s.Code)))
        {
            IndicatorRow? Row(string sex) => nation.FirstOrDefault(r => r.Svf == svf.Code && r.Sex == sex);
            var mine = named.Where(n => n.Svf == svf.Code).ToList();
            var regions = mine.Select(n => n.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var texts = mine.GroupBy(n => n.Text, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({string.Join(", ", g.Select(n => Name(n.Region)).Order(StringComparer.Ordinal))})");
            rows.Add(new ObstacleGroupRow
            {
                Year = year, Svf = svf.Code, SvfName = svf.NameSv,
                WomenWithinLimitShare = Row("K")?.WithinLimitShare, MenWithinLimitShare = Row("M")?.WithinLimitShare,
                OverLimit50Share = Row(IndicatorEngine.BothSexes)?.OverLimit50Share,
                LargestExcessSegment = nationSegments.FirstOrDefault(s => s.Svf == svf.Code)?.LargestExcessSegment,
                Regions = regions.Count, RegionCodes = string.Join(", ", regions), Mentions = mine.Count, Descriptions = string.Join(" | ", texts),
            });
        }
        return rows;
    }
}
