using Svf.Analysis;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Reports;

namespace Svf.Tests.Analysis;

/// <summary>The hand-worked example of docs/lead-time-analyses.md §3 (the regions' stated obstacles per SVF).</summary>
public class ObstacleGroupingTests
{
    private static readonly ReferenceDataSet Ref = ReferenceDataSet.Embedded;

    internal static readonly Dictionary<string, RegionReport> Reports = new()
    {
        ["01"] = new RegionReport { Region = "01", Year = 2025, Obstacles = [new("BROST", "Brist på bröstradiologer"), new("LUNG", "Väntan på PET-DT")] },
        ["03"] = new RegionReport { Region = "03", Year = 2025, Obstacles = [new("BROST", "  Brist på bröstradiologer ")] },
        ["05"] = new RegionReport { Region = "05", Year = 2025, Obstacles = [new("BROST", "Lång väntan på MDK"), new("PROSTATA", "  "), new("XYZ", "Okänd kod")] },
    };

    private static IndicatorRow Nation(string svf, string sex, double? within, double? over50 = null) => new()
    {
        Period = "2025", PeriodKind = "year", Level = "nation", UnitCode = "SE", UnitName = "Riket", Svf = svf, Sex = sex,
        WithinLimitShare = within, OverLimit50Share = over50,
    };

    internal static readonly IndicatorRow[] Figures =
    [
        Nation("BROST", "K", 0.8), Nation("BROST", "M", 0.5), Nation("BROST", IndicatorEngine.BothSexes, 0.7, over50: 0.1),
        // A region's row of the same SVF must not be taken for the nation's.
        Nation("BROST", "K", 0.1) with { Level = "region", UnitCode = "01" },
    ];

    internal static readonly SegmentSplitRow[] Segments =
    [
        new() { Period = "2025", Level = "nation", UnitCode = "SE", UnitName = "Riket", Svf = "BROST", LargestExcessSegment = LeadTimeSegment.FirstVisitToDecision },
        new() { Period = "2025", Level = "region", UnitCode = "01", UnitName = "Stockholms län", Svf = "BROST", LargestExcessSegment = LeadTimeSegment.DecisionToTreatment },
    ];

    [Fact]
    public void The_hand_worked_example_gives_the_documented_rows()
    {
        var rows = ObstacleGrouping.Compute(2025, Reports, Figures, Segments, Ref);

        rows.Select(r => r.Svf).ShouldBe(["BROST", "LUNG"]);
        var breast = rows[0];
        breast.ShouldSatisfyAllConditions(
            r => r.Year.ShouldBe(2025),
            r => r.SvfName.ShouldBe("Bröstcancer"),
            r => r.WomenWithinLimitShare.ShouldBe(0.8),
            r => r.MenWithinLimitShare.ShouldBe(0.5),
            r => r.OverLimit50Share.ShouldBe(0.1),
            r => r.LargestExcessSegment.ShouldBe(LeadTimeSegment.FirstVisitToDecision),
            r => r.Regions.ShouldBe(3),
            r => r.RegionCodes.ShouldBe("01, 03, 05"),
            r => r.Mentions.ShouldBe(3),
            r => r.Descriptions.ShouldBe("Brist på bröstradiologer (Stockholms län, Uppsala län) | Lång väntan på MDK (Östergötlands län)"));
        var lung = rows[1];
        (lung.WomenWithinLimitShare, lung.MenWithinLimitShare, lung.OverLimit50Share, lung.LargestExcessSegment).ShouldBe((null, null, null, null));
        (lung.Regions, lung.RegionCodes, lung.Mentions, lung.Descriptions).ShouldBe((1L, "01", 1L, "Väntan på PET-DT (Stockholms län)"));
    }

    [Fact]
    public void Without_reports_there_are_no_rows()
    {
        ObstacleGrouping.Compute(2025, new Dictionary<string, RegionReport>(), Figures, Segments, Ref).ShouldBeEmpty();
    }
}
