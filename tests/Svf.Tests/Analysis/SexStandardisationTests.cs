using Svf.Analysis;
using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Tests.Analysis;

/// <summary>The hand-worked example of docs/lead-time-analyses.md §2 (direct standardisation, Simpson's paradox).</summary>
public class SexStandardisationTests
{
    private const double Z = 1.959963984540054;

    private static readonly SexStratum[] Region =
    [
        new("A", Sex.Female, 10, 9), new("B", Sex.Female, 30, 15),
        new("A", Sex.Male, 30, 24), new("B", Sex.Male, 10, 4),
    ];

    private static readonly Dictionary<string, double> Standard = new() { ["A"] = 0.6, ["B"] = 0.4 };

    [Fact]
    public void The_crude_difference_and_its_interval_are_the_documented_ones()
    {
        var r = SexStandardisation.Compare("2025", "region", "01", "Stockholms län", Region, Standard, Z, minStratum: 5);
        r.WomenShare.ShouldBe(0.6);
        r.MenShare.ShouldBe(0.7);
        r.CrudeDifference!.Value.ShouldBe(-0.10, 1e-12);
        r.CrudeCiLow!.Value.ShouldBe(-0.3079, 0.00005);
        r.CrudeCiHigh!.Value.ShouldBe(0.1079, 0.00005);
    }

    [Fact]
    public void The_standardised_difference_reverses_the_sign_and_is_not_significant()
    {
        var r = SexStandardisation.Compare("2025", "region", "01", "Stockholms län", Region, Standard, Z, minStratum: 5);
        r.WomenStandardised!.Value.ShouldBe(0.74, 1e-12);
        r.MenStandardised!.Value.ShouldBe(0.64, 1e-12);
        r.StandardisedDifference!.Value.ShouldBe(0.10, 1e-12);
        r.StandardisedCiLow!.Value.ShouldBe(-0.0992, 0.00005);
        r.StandardisedCiHigh!.Value.ShouldBe(0.2992, 0.00005);
        r.Significant.ShouldBe(false);
        r.StrataUsed.ShouldBe(2);
        r.StrataLeftOut.ShouldBe("");
    }

    [Fact]
    public void A_stratum_with_too_few_of_one_sex_is_left_out_and_the_weights_rescaled()
    {
        SexStratum[] strata = [.. Region.Where(s => !(s.Svf == "B" && s.Sex == Sex.Male)), new("B", Sex.Male, 4, 2)];
        var r = SexStandardisation.Compare("2025", "region", "01", "x", strata, Standard, Z, minStratum: 5);
        r.StrataUsed.ShouldBe(1);
        r.StrataLeftOut.ShouldBe("B");
        r.WomenStandardised!.Value.ShouldBe(0.9, 1e-12);
        r.MenStandardised!.Value.ShouldBe(0.8, 1e-12);
    }

    [Fact]
    public void The_standard_keeps_only_svf_where_each_sex_is_at_least_ten_percent()
    {
        SexStratum[] national =
        [
            new("A", Sex.Female, 30, 20), new("A", Sex.Male, 30, 20),
            new("P", Sex.Male, 50, 40),
            new("B", Sex.Female, 9, 5), new("B", Sex.Male, 91, 50),
            new("C", Sex.Female, 10, 5), new("C", Sex.Male, 90, 50),
        ];
        var standard = SexStandardisation.NationalStandard(national, 0.10);
        standard.Keys.Order().ShouldBe(["A", "C"]);
        standard["A"].ShouldBe(60.0 / 160, 1e-12);
        standard["C"].ShouldBe(100.0 / 160, 1e-12);
    }

    [Fact]
    public void Under_the_publication_rule_a_sex_with_fewer_than_five_patients_shows_nothing()
    {
        SexStratum[] strata = [new("A", Sex.Female, 4, 3), new("A", Sex.Male, 30, 20)];
        var r = SexStandardisation.Compare("2025", "region", "01", "x", strata, Standard, Z, minStratum: 5, minCell: 5);
        r.Suppressed.ShouldBeTrue();
        r.WomenShare.ShouldBeNull();
        r.StandardisedDifference.ShouldBeNull();
    }

    [Fact]
    public void Crude_shares_from_pathways_agree_with_the_indicator_engine_per_region_and_sex()
    {
        var reference = ReferenceDataSet.Embedded;
        var engine = new IndicatorEngine(reference, new IndicatorOptions());
        var pathways = new List<TreatedPathway>();
        var rng = new Random(7);
        foreach (var region in new[] { "01", "03", "25" })
        {
            for (var i = 0; i < 120; i++)
            {
                var svf = new[] { "BROST", "MELANOM", "OSPECIFIKA", "LUNG" }[i % 4];
                var type = svf switch { "MELANOM" => "surgery", "OSPECIFIKA" => "end_of_pathway", _ => "surgery" };
                var start = new DateOnly(2025, 1 + rng.Next(10), 1 + rng.Next(28));
                var days = 5 + rng.Next(60);
                pathways.Add(new TreatedPathway(region, svf, i % 3 == 0 ? Sex.Male : Sex.Female, start, start.AddDays(2), start.AddDays(days - 5), start.AddDays(days), type));
            }
        }
        var period = ReportingPeriod.Parse("2025");
        var inPeriod = pathways.Where(p => period.Contains(p.TreatmentStartDate)).ToList();
        var rows = SexStandardisation.Compute(inPeriod, engine, reference, "2025");
        var indicators = engine.Compute(inPeriod.Select(p => p.AsFact()), [], new IndicatorQuery(PeriodKind.Year, period));
        foreach (var r in rows.Where(r => r.WomenTreated > 0))
        {
            var women = indicators.Single(x => x.Level == r.Level && x.UnitCode == r.UnitCode && x.Svf == "TOTAL" && x.Sex == "K");
            var men = indicators.Single(x => x.Level == r.Level && x.UnitCode == r.UnitCode && x.Svf == "TOTAL" && x.Sex == "M");
            r.WomenTreated.ShouldBe(women.WithLimit);
            r.WomenShare.ShouldBe(women.WithinLimitShare);
            r.MenShare.ShouldBe(men.WithinLimitShare);
        }
        rows.Count(r => r.WomenTreated > 0).ShouldBe(4); // nation and the three regions
    }
}
