using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Tests.Indicators;

/// <summary>
/// A small hand-worked case. BROST's limit is 35 days (version 2024-01-24). Treated lead times in 2025:
/// 25, 40, 63, 55 (region 01) and 30 (region 09), plus OSPECIFIKA 14 days (limit 22, region 01).
/// </summary>
public class IndicatorEngineTests
{
    private static readonly ReportingPeriod Year2025 = ReportingPeriod.Parse("2025");

    internal static PathwayFact Treated(string region, Sex sex, string start, string treated, string svf = "BROST", string type = "surgery") =>
        new(region, svf, sex, D(start), D(treated), type, null, PathwayOutcome.CancerConfirmed);

    internal static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    internal static readonly PathwayFact[] Facts =
    [
        Treated("01", Sex.Female, "2025-01-10", "2025-02-04"),  // 25 d, within
        Treated("01", Sex.Female, "2025-01-20", "2025-03-01"),  // 40 d
        Treated("01", Sex.Female, "2025-02-01", "2025-04-05"),  // 63 d, > 52.5 and > 61.25
        Treated("01", Sex.Male, "2025-03-01", "2025-04-25"),    // 55 d, > 52.5 only
        new("01", "BROST", Sex.Female, D("2025-03-01"), null, null, D("2025-03-15"), PathwayOutcome.CancerNotConfirmed),
        Treated("09", Sex.Female, "2025-05-01", "2025-05-31"),  // 30 d, within
        new("01", "BROST", Sex.Female, D("2025-12-20"), null, null, null, PathwayOutcome.Ongoing),
        Treated("01", Sex.Male, "2025-06-01", "2025-06-15", "OSPECIFIKA", "end_of_pathway"), // 14 d, limit 22
    ];

    internal static readonly NewCasesFact[] NewCases =
    [
        new("01", "BROST", ReportingPeriod.Parse("2025"), null, 8),
        new("09", "BROST", ReportingPeriod.Parse("2025-H1"), null, 2),
    ];

    private static IReadOnlyList<IndicatorRow> Compute(IndicatorQuery query, IndicatorOptions? options = null) =>
        new IndicatorEngine(ReferenceDataSet.Embedded, options ?? new IndicatorOptions()).Compute(Facts, NewCases, query);

    private static IndicatorRow Row(IReadOnlyList<IndicatorRow> rows, string period, string unit, string svf, string sex = "TOTAL") =>
        rows.Single(r => r.Period == period && r.UnitCode == unit && r.Svf == svf && r.Sex == sex);

    [Fact]
    public void National_breast_cancer_year()
    {
        var r = Row(Compute(new IndicatorQuery(PeriodKind.Year, Year2025)), "2025", "SE", "BROST");
        r.Started.ShouldBe(7);
        r.Completed.ShouldBe(6);
        r.CancerConfirmed.ShouldBe(5);
        r.CancerShare!.Value.ShouldBe(5.0 / 6, 1e-12);
        r.Treated.ShouldBe(5);
        r.LeadTimeMedian.ShouldBe(40);            // sorted 25 30 40 55 63
        r.LeadTimeP80!.Value.ShouldBe(56.6, 1e-9); // h = 3.2: 55 + 0.2 * 8
        r.LeadTimeP90!.Value.ShouldBe(59.8, 1e-9); // h = 3.6: 55 + 0.6 * 8
        r.WithLimit.ShouldBe(5);
        r.WithinLimit.ShouldBe(2);
        r.WithinLimitShare.ShouldBe(0.4);
        r.LeadTimeGoalMet.ShouldBe(false);
        r.OverLimit50.ShouldBe(2);
        r.OverLimit75.ShouldBe(1);
        r.OvertimeDays.ShouldBe(5 + 28 + 20);
        r.InclusionNumerator.ShouldBe(5);
        r.InclusionDenominator.ShouldBe(10);
        r.InclusionRate.ShouldBe(0.5);
        r.InclusionGoalMet.ShouldBe(false);
    }

    [Fact]
    public void All_svf_pools_counts_but_inclusion_only_over_svf_with_a_diagnosis_group()
    {
        var r = Row(Compute(new IndicatorQuery(PeriodKind.Year, Year2025)), "2025", "SE", IndicatorEngine.AllSvf);
        r.Started.ShouldBe(8);
        r.Treated.ShouldBe(6);
        r.WithinLimit.ShouldBe(3);
        r.WithinLimitShare.ShouldBe(0.5);
        r.InclusionNumerator.ShouldBe(5); // the OSPECIFIKA cancer is not in any diagnosis group
        r.InclusionRate.ShouldBe(0.5);
    }

    [Fact]
    public void Region_rcc_and_sex_breakdowns()
    {
        var rows = Compute(new IndicatorQuery(PeriodKind.Year, Year2025));
        var stockholm = Row(rows, "2025", "01", "BROST");
        stockholm.Started.ShouldBe(6);
        stockholm.Treated.ShouldBe(4);
        stockholm.LeadTimeMedian.ShouldBe(47.5); // 25 40 55 63: h = 1.5
        stockholm.InclusionRate.ShouldBe(0.5);   // 4 / 8
        Row(rows, "2025", "01", "BROST", "M").Treated.ShouldBe(1);
        Row(rows, "2025", "01", "BROST", "M").LeadTimeMedian.ShouldBe(55);
        Row(rows, "2025", "01", "BROST", "M").InclusionRate.ShouldBeNull(); // denominators are not split by sex
        Row(rows, "2025", "Stockholm-Gotland", "BROST").Treated.ShouldBe(5);
    }

    [Fact]
    public void Half_year_prorates_a_yearly_denominator()
    {
        var rows = Compute(new IndicatorQuery(PeriodKind.HalfYear, Year2025));
        Row(rows, "2025-H1", "01", "BROST").InclusionDenominator.ShouldBe(4); // 8 * 6/12
        Row(rows, "2025-H1", "01", "BROST").InclusionRate.ShouldBe(1.0);      // 4 ended with cancer Feb-Apr
        Row(rows, "2025-H1", "09", "BROST").InclusionRate.ShouldBe(0.5);      // 1 / 2
    }

    [Fact]
    public void Without_proration_a_yearly_denominator_gives_no_half_year_rate()
    {
        var rows = Compute(new IndicatorQuery(PeriodKind.HalfYear, Year2025), new IndicatorOptions { ProrateNewCases = false });
        Row(rows, "2025-H1", "01", "BROST").InclusionRate.ShouldBeNull();
        Row(rows, "2025-H1", "09", "BROST").InclusionRate.ShouldBe(0.5);
    }

    [Fact]
    public void Lead_times_are_counted_in_the_month_treatment_started()
    {
        var rows = Compute(new IndicatorQuery(PeriodKind.Month, Year2025));
        Row(rows, "2025-04", "SE", "BROST").Treated.ShouldBe(2);
        Row(rows, "2025-04", "SE", "BROST").Started.ShouldBe(0);
        Row(rows, "2025-01", "SE", "BROST").Started.ShouldBe(2);
    }

    [Fact]
    public void Publication_mode_suppresses_small_cells()
    {
        var rows = Compute(new IndicatorQuery(PeriodKind.Year, Year2025, ForPublication: true));
        var gotland = Row(rows, "2025", "09", "BROST");
        gotland.Suppressed.ShouldBeTrue();
        gotland.Started.ShouldBeNull();
        gotland.LeadTimeMedian.ShouldBeNull();
        var nation = Row(rows, "2025", "SE", "BROST");
        nation.Started.ShouldBe(7);
        nation.LeadTimeMedian.ShouldBe(40);
    }

    [Fact]
    public void Svf_without_limit_reports_not_defined_instead_of_a_share()
    {
        var facts = new[] { Treated("01", Sex.Female, "2025-03-01", "2025-03-20", "LUNG", "surgery") };
        var rows = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions()).Compute(facts, [], new IndicatorQuery(PeriodKind.Year));
        var r = Row(rows, "2025", "SE", "LUNG");
        r.Treated.ShouldBe(1);
        r.NoLimitDefined.ShouldBe(1);
        r.WithLimit.ShouldBe(0);
        r.WithinLimitShare.ShouldBeNull();
        r.LeadTimeMedian.ShouldBe(19);
    }
}

public class IndicatorEngineRegressionTests
{
    private static readonly ReportingPeriod Year2025 = ReportingPeriod.Parse("2025");

    [Fact]
    public void All_svf_inclusion_leaves_out_svf_without_a_denominator()
    {
        // Five breast cancers with a denominator of 10, and three prostate cancers without any new-cases figure.
        var facts = Enumerable.Range(0, 5).Select(_ => IndicatorEngineTests.Treated("01", Sex.Female, "2025-03-01", "2025-03-20"))
            .Concat(Enumerable.Range(0, 3).Select(_ => IndicatorEngineTests.Treated("01", Sex.Male, "2025-03-01", "2025-03-20", "PROSTATA")));
        var rows = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions())
            .Compute(facts, [new NewCasesFact("01", "BROST", Year2025, null, 10)], new IndicatorQuery(PeriodKind.Year, Year2025));
        var total = rows.Single(r => r.UnitCode == "01" && r.Svf == IndicatorEngine.AllSvf && r.Sex == IndicatorEngine.BothSexes);
        total.InclusionNumerator.ShouldBe(5);
        total.InclusionRate.ShouldBe(0.5);
        rows.Single(r => r.UnitCode == "SE" && r.Svf == IndicatorEngine.AllSvf && r.Sex == IndicatorEngine.BothSexes).InclusionRate.ShouldBe(0.5);
    }

    [Fact]
    public void Publication_withholds_a_share_whose_numerator_is_hidden()
    {
        // 20 treated with a limit, 3 within: the count 3 is hidden, so 3/20 = 15 % must be hidden too (15 % × 20 = 3).
        var facts = Enumerable.Range(0, 20).Select(i => IndicatorEngineTests.Treated("01", Sex.Female, "2025-03-01", i < 3 ? "2025-03-20" : "2025-05-20"));
        var row = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions())
            .Compute(facts, [], new IndicatorQuery(PeriodKind.Year, Year2025, ForPublication: true))
            .Single(r => r.UnitCode == "SE" && r.Svf == "BROST" && r.Sex == IndicatorEngine.BothSexes);
        row.WithinLimit.ShouldBeNull();
        row.WithinLimitShare.ShouldBeNull();
        row.WithLimit.ShouldBe(20);
        row.Suppressed.ShouldBeTrue();
    }

    [Fact]
    public void Prorated_denominators_carry_no_float_noise()
    {
        var facts = new[] { IndicatorEngineTests.Treated("01", Sex.Female, "2025-03-01", "2025-03-20") };
        var row = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions())
            .Compute(facts, [new NewCasesFact("01", "BROST", Year2025, null, 0.7)], new IndicatorQuery(PeriodKind.Month, ReportingPeriod.Parse("2025-03")))
            .Single(r => r.UnitCode == "01" && r.Svf == "BROST" && r.Sex == IndicatorEngine.BothSexes);
        row.InclusionDenominator.ShouldBe(0.058333); // 0.7 / 12, rounded to a millionth
    }
}

public class InclusionBySexTests
{
    /// <summary>
    /// Hand-worked: one woman and one man with breast cancer confirmed in 2025-H1 in region 01, and only the women's
    /// figure, 01;BROST;2025-H1;K;10. The man has no denominator, so he counts nowhere: K 1 of 10, M no rate, and both
    /// sexes 1 of 10 (not 2 of 10), in the region, its RCC, the nation and the all-SVF rows alike.
    /// </summary>
    [Fact]
    public void A_sex_without_a_figure_does_not_count_in_the_both_sexes_numerator()
    {
        PathwayFact[] facts =
        [
            IndicatorEngineTests.Treated("01", Sex.Female, "2025-02-01", "2025-03-01"),
            IndicatorEngineTests.Treated("01", Sex.Male, "2025-02-10", "2025-03-10"),
        ];
        NewCasesFact[] figures = [new("01", "BROST", ReportingPeriod.Parse("2025-H1"), Sex.Female, 10)];
        var h1 = ReportingPeriod.Parse("2025-H1");
        var rows = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions()).Compute(facts, figures, new IndicatorQuery(PeriodKind.HalfYear, h1));
        IndicatorRow Row(IReadOnlyList<IndicatorRow> all, string period, string unit, string svf, string sex = "TOTAL") =>
            all.Single(r => r.Period == period && r.UnitCode == unit && r.Svf == svf && r.Sex == sex);

        Row(rows, "2025-H1", "01", "BROST", "K").InclusionNumerator.ShouldBe(1);
        Row(rows, "2025-H1", "01", "BROST", "K").InclusionRate.ShouldBe(0.1);
        Row(rows, "2025-H1", "01", "BROST", "M").InclusionRate.ShouldBeNull();
        foreach (var (unit, svf) in new[] { ("01", "BROST"), ("Stockholm-Gotland", "BROST"), ("SE", "BROST"), ("01", "TOTAL"), ("SE", "TOTAL") })
        {
            var both = Row(rows, "2025-H1", unit, svf);
            both.InclusionNumerator.ShouldBe(1, $"{unit} {svf}");
            both.InclusionDenominator.ShouldBe(10, $"{unit} {svf}");
            both.InclusionRate.ShouldBe(0.1, $"{unit} {svf}");
        }
        // Both pathways still count as started and confirmed: only the inclusion numerator needs a denominator.
        Row(rows, "2025-H1", "01", "BROST").CancerConfirmed.ShouldBe(2);
    }
}
