using Svf.Analysis;
using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Tests.Analysis;

/// <summary>The hand-worked example of docs/lead-time-analyses.md §1 (breast cancer, limit 35 days in 2025).</summary>
public class SegmentSplitTests
{
    private static readonly ReferenceDataSet Ref = ReferenceDataSet.Embedded;
    private static readonly IndicatorEngine Engine = new(Ref, new IndicatorOptions());

    private static DateOnly D(string s) => IsoDateOf(s);

    private static DateOnly IsoDateOf(string s) => Svf.Output.IsoDate.Parse(s);

    /// <summary>A breast-cancer pathway from 2025-03-03 with the given segment lengths (null = the decision date is missing).</summary>
    internal static TreatedPathway Pathway(int toVisit, int? toDecision, int toTreatment, string svf = "BROST", string region = "01", Sex sex = Sex.Female, string start = "2025-03-03")
    {
        var s = D(start);
        var visit = s.AddDays(toVisit);
        DateOnly? decision = toDecision is { } d ? visit.AddDays(d) : null;
        var treated = toDecision is { } d2 ? visit.AddDays(d2 + toTreatment) : visit.AddDays(toTreatment);
        return new TreatedPathway(region, svf, sex, s, visit, decision, treated, "surgery");
    }

    internal static readonly TreatedPathway[] Example =
    [
        Pathway(2, 16, 10),           // 28 d, within
        Pathway(4, 18, 8),            // 30 d, within
        Pathway(3, 30, 12),           // 45 d, over
        Pathway(5, 35, 10),           // 50 d, over
        Pathway(5, null, 55),         // 60 d, over, no decision date
        Pathway(5, 10, 10, svf: "LUNG"), // no limit for lung cancer: left out
    ];

    [Fact]
    public void The_hand_worked_example_gives_the_documented_means_and_excess()
    {
        Ref.Limits.Lookup("BROST", "surgery", D("2025-04-01")).Days.ShouldBe(35);
        var rows = SegmentSplit.Compute(Example, Engine, Ref, "2025");
        var r = rows.Single(x => x.Level == "region" && x.UnitCode == "01" && x.Svf == "BROST");

        r.WithinLimit.ShouldBe(2);
        r.OverLimit.ShouldBe(2);
        r.NotSplittable.ShouldBe(1);
        (r.WithinToFirstVisit, r.WithinToDecision, r.WithinToTreatment, r.WithinTotal).ShouldBe((3.0, 17.0, 9.0, 29.0));
        (r.OverToFirstVisit, r.OverToDecision, r.OverToTreatment, r.OverTotal).ShouldBe((4.0, 32.5, 11.0, 47.5));
        (r.ExcessToFirstVisit, r.ExcessToDecision, r.ExcessToTreatment, r.ExcessTotal).ShouldBe((1.0, 15.5, 2.0, 18.5));
        r.LargestExcessSegment.ShouldBe(LeadTimeSegment.FirstVisitToDecision);
        r.LargestExcessShare!.Value.ShouldBe(15.5 / 18.5, 1e-12);
        r.LargestExcessShare.Value.ShouldBe(0.838, 0.0005);
    }

    [Fact]
    public void The_nation_and_all_svf_rows_hold_the_same_pathways_and_lung_cancer_is_left_out()
    {
        var rows = SegmentSplit.Compute(Example, Engine, Ref, "2025");
        rows.Select(r => (r.Level, r.UnitCode, r.Svf)).ShouldBe([("nation", "SE", "TOTAL"), ("nation", "SE", "BROST"), ("region", "01", "TOTAL"), ("region", "01", "BROST")]);
        rows.ShouldAllBe(r => r.OverLimit == 2 && r.WithinLimit == 2 && r.NotSplittable == 1 && r.ExcessTotal == 18.5);
    }

    [Fact]
    public void The_counts_agree_with_the_indicator_engine_within_limit_counts()
    {
        var facts = Example.Select(p => p.AsFact());
        var row = Engine.Compute(facts, [], new IndicatorQuery(PeriodKind.Year, ReportingPeriod.Parse("2025")))
            .Single(r => r.Level == "region" && r.Svf == "BROST" && r.Sex == "TOTAL");
        var split = SegmentSplit.Compute(Example, Engine, Ref, "2025").Single(x => x.Level == "region" && x.Svf == "BROST");
        row.WithinLimit.ShouldBe(split.WithinLimit);
        row.WithLimit.ShouldBe(split.WithinLimit + split.OverLimit + split.NotSplittable);
    }

    [Fact]
    public void Under_the_publication_rule_groups_with_fewer_than_five_over_or_within_show_no_means()
    {
        var r = SegmentSplit.Compute(Example, Engine, Ref, "2025", minCell: 5).Single(x => x.Level == "region" && x.Svf == "BROST");
        r.Suppressed.ShouldBeTrue();
        r.OverLimit.ShouldBeNull();
        r.ExcessTotal.ShouldBeNull();
        r.LargestExcessSegment.ShouldBeNull();
    }

    [Fact]
    public void A_pathway_with_dates_out_of_order_cannot_be_split()
    {
        var p = new TreatedPathway("01", "BROST", Sex.Male, D("2025-03-03"), D("2025-03-10"), D("2025-03-08"), D("2025-03-20"), "surgery");
        p.Segments().ShouldBeNull();
        Pathway(2, 16, 10).Segments().ShouldBe((2, 16, 10));
    }
}
