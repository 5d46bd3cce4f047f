using Svf.Indicators;
using Svf.Investments;
using Svf.ReferenceData;
using static Svf.Tests.Investments.LeadTimeEffectTests;

namespace Svf.Tests.Investments;

/// <summary>The intervals and the comparison groups of the effect table (docs/special-investments.md §4).</summary>
public class LeadTimeEffectIntervalTests
{
    private static IReadOnlyList<LeadTimeEffectRow> Compute(IEnumerable<PathwayFact> facts, EffectComparison comparison = EffectComparison.SameSvfOtherRegions) =>
        LeadTimeEffect.Compute(2025, [("Vast", Project)], facts, ReferenceDataSet.Embedded, new IndicatorOptions(), 6, comparison);

    [Fact]
    public void Every_estimate_of_the_hand_worked_example_has_an_interval_and_the_comparison_group_is_stated()
    {
        var rows = Compute(Facts[..^1]);
        rows.ShouldAllBe(r => r.ComparisonGroup == "same_svf_other_regions" && r.ComparisonDescription == "BROST i de 20 regioner som inget projekt kopplar till BROST");
        var share = rows.Single(r => r.Measure == LeadTimeEffect.ShareMeasure);
        // Project change 0.75 − 0.5 = 0.25 ± 1.959964 × √(0.5·0.5/4 + 0.75·0.25/4) = √0.109375 × 1.959964 = 0.648198.
        share.TreatedChangeCiLow!.Value.ShouldBe(0.25 - 0.648198, 1e-5);
        share.TreatedChangeCiHigh!.Value.ShouldBe(0.25 + 0.648198, 1e-5);
        // Comparison change 0 ± 1.959964 × √(0.5·0.5/4 + 0.5·0.5/4) = √0.125 × 1.959964 = 0.692952.
        share.ComparisonChangeCiLow!.Value.ShouldBe(-0.692952, 1e-5);
        share.ComparisonChangeCiHigh!.Value.ShouldBe(0.692952, 1e-5);
        share.IntervalMethod.ShouldStartWith("Wilson per grupp");

        var median = rows.Single(r => r.Measure == LeadTimeEffect.MedianMeasure);
        median.IntervalMethod.ShouldContain("percentil-bootstrap, 2000 omdragningar, frö 20130");
        // Each group's median interval: n = 4, order statistics 1 and 4.
        (median.TreatedAfterCiLow, median.TreatedAfterCiHigh, median.ComparisonAfterCiLow, median.ComparisonAfterCiHigh).ShouldBe((20.0, 40.0, 20.0, 45.0));
        // The bootstrap's bounds can only be medians of resamples: a project change between 20 − 50 = −30 and 40 − 20 = +20 days.
        median.TreatedChangeCiLow!.Value.ShouldBeInRange(-30, -7.5);
        median.TreatedChangeCiHigh!.Value.ShouldBeInRange(-7.5, 20);
        median.DidCiLow!.Value.ShouldBeLessThan(-7.5);
        median.DidCiHigh!.Value.ShouldBeGreaterThan(0);   // with four patients per group no evidence either way
        // Pinned (the program's values, as in docs/special-investments.md §4): a fixed seed gives the same interval on every run.
        median.TreatedChangeCiLow.Value.ShouldBe(-22.5628, 1e-4);
        (median.TreatedChangeCiHigh, median.ComparisonChangeCiLow, median.ComparisonChangeCiHigh, median.DidCiLow, median.DidCiHigh).ShouldBe((10.0, -20.0, 17.5, -32.5, 20.0));
    }

    [Fact]
    public void The_bootstrap_interval_of_the_median_difference_matches_a_hand_worked_case()
    {
        // Project before: one pathway of 40 days; after: 10 and 30 days. Comparison: one pathway of 30 days before and after.
        // A resample of {10, 30} has median 10 (p = 1/4), 20 (1/2) or 30 (1/4); the one-value groups never change. So the
        // difference in differences (m − 40) − 0 is −30, −20 or −10, and the 2.5th and 97.5th percentiles of 2 000 resamples
        // (ranks 49.975 and 1 949.025 of 0…1 999) fall among the ~500 resamples at each end: the interval is [−30, −10].
        PathwayFact[] facts = [Treated("13", 3, 1, 40), Treated("13", 8, 1, 10), Treated("13", 9, 1, 30), Treated("01", 3, 1, 30), Treated("01", 12, 31, 30)];
        var median = Compute(facts).Single(r => r.Measure == LeadTimeEffect.MedianMeasure);
        median.DifferenceInDifferences.ShouldBe(-20);
        (median.DidCiLow, median.DidCiHigh).ShouldBe((-30.0, -10.0));
        (median.TreatedChangeCiLow, median.TreatedChangeCiHigh).ShouldBe((-30.0, -10.0));
        (median.ComparisonChange, median.ComparisonChangeCiLow, median.ComparisonChangeCiHigh).ShouldBe((0.0, 0.0, 0.0));
    }

    [Fact]
    public void A_missing_group_leaves_the_differences_and_their_intervals_empty()
    {
        var rows = Compute(Facts.Where(f => f.RegionCode == "13").ToArray());
        rows.ShouldAllBe(r => r.ComparisonBeforeN == 0 && r.DifferenceInDifferences == null && r.DidCiLow == null && r.DidCiHigh == null
            && r.ComparisonChange == null && r.ComparisonChangeCiLow == null);
        rows.ShouldAllBe(r => r.TreatedChange != null && r.TreatedChangeCiLow != null && r.TreatedChangeCiHigh != null);
    }

    // Halland's prostate pathways: before 10 and 50 days (median 30), after 20 days. Not tied to any project.
    private static readonly PathwayFact[] Prostate =
        [Treated("13", 2, 1, 10, "PROSTATA"), Treated("13", 5, 1, 50, "PROSTATA"), Treated("13", 10, 1, 20, "PROSTATA")];

    [Fact]
    public void Other_svf_in_the_same_regions_compares_with_hallands_other_pathways()
    {
        var rows = Compute([.. Facts[..^1], .. Prostate], EffectComparison.OtherSvfSameRegions);
        var median = rows.Single(r => r.Measure == LeadTimeEffect.MedianMeasure);
        median.ShouldSatisfyAllConditions(
            r => r.ComparisonGroup.ShouldBe("other_svf_same_regions"), r => r.ComparisonRegions.ShouldBe("13"),
            r => r.ComparisonDescription.ShouldBe("andra SVF än BROST i projektets regioner (13), utom SVF som något projekt kopplar till regionen"),
            r => r.ComparisonBeforeN.ShouldBe(2), r => r.ComparisonBefore.ShouldBe(30), r => r.ComparisonAfterN.ShouldBe(1), r => r.ComparisonAfter.ShouldBe(20),
            // (27.5 − 35) − (20 − 30) = −7.5 + 10 = +2.5 days.
            r => r.DifferenceInDifferences.ShouldBe(2.5),
            r => r.Note.ShouldContain("blandar SVF med olika ledtidsgränser"));
    }

    [Fact]
    public void All_not_affected_takes_every_region_and_svf_no_project_ties_together()
    {
        var rows = Compute([.. Facts[..^1], .. Prostate], EffectComparison.AllNotAffected);
        var median = rows.Single(r => r.Measure == LeadTimeEffect.MedianMeasure);
        // Before: Stockholm's breast 20, 30, 40, 50 and Halland's prostate 10, 50 → 10 20 30 40 50 50, median 35.
        // After: 20, 30, 40, 45 and 20 → 20 20 30 40 45, median 30. Halland's breast pathways (the project's) are never in it.
        median.ShouldSatisfyAllConditions(
            r => r.ComparisonGroup.ShouldBe("all_not_affected"), r => r.ComparisonRegions.Split(',').Length.ShouldBe(21),
            r => r.ComparisonBeforeN.ShouldBe(6), r => r.ComparisonBefore.ShouldBe(35), r => r.ComparisonAfterN.ShouldBe(5), r => r.ComparisonAfter.ShouldBe(30),
            r => r.DifferenceInDifferences.ShouldBe(-2.5));
    }

    [Fact]
    public void A_rows_bootstrap_interval_does_not_depend_on_the_other_rows()
    {
        // The generator restarts from the seed for every row: another project (another SVF, so the same groups for
        // VAST-PAT-01) before it in the list leaves its intervals exactly as they were.
        var other = Project with { ProjectId = "SYD-01", Regions = ["12"], AffectedSvf = ["PROSTATA"] };
        var alone = Compute(Facts[..^1]).Single(r => r.Measure == LeadTimeEffect.MedianMeasure);
        var withOther = LeadTimeEffect.Compute(2025, [("Syd", other), ("Vast", Project)], [.. Facts[..^1], .. Prostate], ReferenceDataSet.Embedded, new IndicatorOptions(), 6)
            .Single(r => r.ProjectId == Project.ProjectId && r.Measure == LeadTimeEffect.MedianMeasure);
        withOther.ShouldBe(alone);
    }

    [Fact]
    public void Without_comparison_pathways_the_note_says_so()
    {
        // Every region has a breast-cancer project: no region is left to compare with.
        var everywhere = Project with { Regions = [.. ReferenceDataSet.Embedded.Regions.Select(r => r.Code)] };
        var rows = LeadTimeEffect.Compute(2025, [("Vast", everywhere)], Facts[..^1], ReferenceDataSet.Embedded, new IndicatorOptions(), 6);
        rows.ShouldAllBe(r => r.ComparisonRegions == "" && r.Note.StartsWith("ingen jämförelsegrupp", StringComparison.Ordinal) && r.DifferenceInDifferences == null);
    }

    [Theory]
    [InlineData("same-svf", EffectComparison.SameSvfOtherRegions)]
    [InlineData("other-svf", EffectComparison.OtherSvfSameRegions)]
    [InlineData("all", EffectComparison.AllNotAffected)]
    [InlineData("all_not_affected", EffectComparison.AllNotAffected)]
    public void The_comparison_is_named_by_its_code(string text, EffectComparison expected)
    {
        LeadTimeEffect.ParseComparison(text).ShouldBe(expected);
        LeadTimeEffect.ParseComparison(LeadTimeEffect.Code(expected)).ShouldBe(expected);
    }

    [Fact]
    public void An_unknown_comparison_is_refused_in_swedish()
    {
        Should.Throw<ArgumentException>(() => LeadTimeEffect.ParseComparison("grannar")).Message.ShouldStartWith("Okänd jämförelsegrupp 'grannar'. Tillåtna: same-svf");
    }

    [Theory]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(0, 0.5)]
    [InlineData(-1.6448536269514722, 0.05)]
    public void The_normal_distribution_function_is_accurate(double z, double p) => LeadTimeEffect.NormalCdf(z).ShouldBe(p, 2e-7);
}
