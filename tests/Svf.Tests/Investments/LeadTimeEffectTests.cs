using Svf.Domain;
using Svf.Indicators;
using Svf.Investments;
using Svf.ReferenceData;

namespace Svf.Tests.Investments;

/// <summary>The hand-worked example of docs/special-investments.md §4.</summary>
public class LeadTimeEffectTests
{
    internal static PathwayFact Treated(string region, int month, int day, int days, string svf = "BROST")
    {
        var treated = new DateOnly(2025, month, day);
        return new PathwayFact(region, svf, Sex.Female, treated.AddDays(-days), treated, "surgery", null, PathwayOutcome.CancerConfirmed);
    }

    internal static readonly InvestmentProject Project = new()
    {
        RowNo = 2, ProjectId = "VAST-PAT-01", Area = InvestmentAreas.Pathology, Name = "Digital patologi i Halland", ResponsibleUnit = "Patologi",
        Regions = ["13"], Amount = 1, StartDate = new DateOnly(2025, 7, 1), Aim = "x", Status = "ongoing", AffectedSvf = ["BROST"],
    };

    // Halland (13), before 1 July: 20, 30, 40, 50 days (limit 35: 2 of 4 within, median 35); after: 20, 25, 30, 40 (3 of 4, median 27.5).
    // Comparison, Stockholm (01): before 20, 30, 40, 50 (2 of 4, median 35); after 20, 30, 40, 45 (2 of 4, median 35).
    internal static readonly PathwayFact[] Facts =
    [
        Treated("13", 2, 1, 20), Treated("13", 3, 1, 30), Treated("13", 4, 1, 40), Treated("13", 6, 30, 50),
        Treated("13", 7, 1, 20), Treated("13", 8, 1, 25), Treated("13", 9, 1, 30), Treated("13", 12, 1, 40),
        Treated("01", 1, 10, 20), Treated("01", 2, 10, 30), Treated("01", 3, 10, 40), Treated("01", 4, 10, 50),
        Treated("01", 7, 10, 20), Treated("01", 8, 10, 30), Treated("01", 9, 10, 40), Treated("01", 12, 31, 45),
        Treated("13", 1, 1, 99), // on 1 January 2025, the first day of the before window [2025-01-01, 2025-07-01): used by the second test only
    ];

    [Fact]
    public void The_difference_in_differences_matches_the_hand_worked_example()
    {
        // The example leaves out the last fact (Halland, 1 January).
        var rows = LeadTimeEffect.Compute(2025, [("Vast", Project)], Facts[..^1], ReferenceDataSet.Embedded, new IndicatorOptions(), windowMonths: 6);
        rows.Count.ShouldBe(2);
        var share = rows.Single(r => r.Measure == LeadTimeEffect.ShareMeasure);
        share.ShouldSatisfyAllConditions(
            r => r.TreatedBeforeN.ShouldBe(4), r => r.TreatedBefore.ShouldBe(0.5), r => r.TreatedAfter.ShouldBe(0.75),
            r => r.ComparisonBefore.ShouldBe(0.5), r => r.ComparisonAfter.ShouldBe(0.5),
            r => r.TreatedChange.ShouldBe(0.25), r => r.ComparisonChange.ShouldBe(0), r => r.DifferenceInDifferences.ShouldBe(0.25),
            r => r.AfterWindowComplete.ShouldBeTrue(), r => r.Note.ShouldContain("samband, inte bevisad effekt"));
        // Variance 0.5·0.5/4 + 0.75·0.25/4 + 0.5·0.5/4 + 0.5·0.5/4 = 0.234375; half-width 1.959964 × √0.234375 = 0.948866.
        share.DidCiLow!.Value.ShouldBe(0.25 - 0.948866, 1e-5);
        share.DidCiHigh!.Value.ShouldBe(0.25 + 0.948866, 1e-5);
        share.ComparisonRegions.Split(',').Length.ShouldBe(20);
        share.ComparisonRegions.ShouldNotContain("13");

        var median = rows.Single(r => r.Measure == LeadTimeEffect.MedianMeasure);
        median.ShouldSatisfyAllConditions(
            r => r.TreatedBefore.ShouldBe(35), r => r.TreatedAfter.ShouldBe(27.5), r => r.ComparisonBefore.ShouldBe(35), r => r.ComparisonAfter.ShouldBe(35),
            r => r.DifferenceInDifferences.ShouldBe(-7.5),
            // n = 4: order statistics 1 and 4 (⌊2 − 1.96⌋ → 1, ⌈3 + 1.96⌉ → 4), i.e. the smallest and largest value.
            r => r.TreatedBeforeCiLow.ShouldBe(20), r => r.TreatedBeforeCiHigh.ShouldBe(50));
    }

    [Fact]
    public void A_pathway_on_the_first_day_of_the_window_counts_and_an_incomplete_after_window_is_flagged()
    {
        var rows = LeadTimeEffect.Compute(2025, [("Vast", Project)], Facts.Where(f => f.RegionCode == "13").ToArray(), ReferenceDataSet.Embedded, new IndicatorOptions(), 6);
        var share = rows.Single(r => r.Measure == LeadTimeEffect.ShareMeasure);
        share.TreatedBeforeN.ShouldBe(5);          // 1 January 2025 is the first day of [2025-01-01, 2025-07-01)
        share.TreatedBefore.ShouldBe(0.4);
        share.ComparisonBeforeN.ShouldBe(0);
        share.DifferenceInDifferences.ShouldBeNull();
        share.AfterWindowComplete.ShouldBeFalse();  // the last treatment in the data is 1 December
        share.Note.ShouldContain("efterperioden är inte hel");
    }

    [Fact]
    public void Regions_another_project_ties_to_the_same_svf_are_not_a_comparison()
    {
        var other = Project with { ProjectId = "STHLM-01", Regions = ["01"] };
        var rows = LeadTimeEffect.Compute(2025, [("Vast", Project), ("Stockholm-Gotland", other)], Facts[..^1], ReferenceDataSet.Embedded, new IndicatorOptions(), 6);
        rows.Where(r => r.ProjectId == "VAST-PAT-01").ShouldAllBe(r => !r.ComparisonRegions.Split(',', StringSplitOptions.None).Contains("01"));
        rows.Single(r => r.ProjectId == "VAST-PAT-01" && r.Measure == LeadTimeEffect.ShareMeasure).ComparisonBeforeN.ShouldBe(0);
        LeadTimeEffect.Compute(2025, [("Vast", Project with { AffectedSvf = [] })], Facts, ReferenceDataSet.Embedded, new IndicatorOptions(), 6).ShouldBeEmpty();
    }
}
