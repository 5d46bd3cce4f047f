using Svf.Assessment;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Tests.Assessment;

public class AllocatorTests
{
    private static readonly ReferenceDataSet Ref = ReferenceDataSet.Embedded;
    private static readonly AgreementRules Actual2025 = AgreementRulesCatalog.Load(Ref).ForYear(2025);
    // The mechanism tests split both payments by the 2023-12-31 figures (all 21 regions), whatever the real date of payment 2.
    private static readonly AgreementRules Rules2025 = Actual2025 with { Payments = Actual2025.Payments.Select(p => p with { Population = null }).ToList() };

    private static AssessmentResult WithFailing(params string[] failing) => WithFailing(Rules2025, failing);

    private static AssessmentResult WithFailing(AgreementRules rules, params string[] failing)
    {
        var decisions = rules.Payments.SelectMany(p => Ref.Regions.Select(r =>
            p.Eligibility == PaymentEligibility.AllRegions || !failing.Contains(r.Code)
                ? new PaymentDecision(p.Id, r.Code, ConditionOutcome.Met, [], [])
                : new PaymentDecision(p.Id, r.Code, ConditionOutcome.NotMet, ["inclusion"], []))).ToList();
        return new AssessmentResult(rules, [], decisions, new Dictionary<string, double?>());
    }

    /// <summary>
    /// The government's table for the 2025 second payment (press release December 2025): Gävleborg, Halland and
    /// Västerbotten did not qualify; the 18 others shared 182 500 000 kr by their population of September 2025
    /// (9 699 964 in all). Expected amounts computed independently (Python, integer arithmetic):
    /// ⌊182 500 000 × population / 9 699 964⌋, then the 8 kronor left to the 8 largest remainders
    /// (Värmland .970, Gotland .736, Uppsala .671, Västmanland .662, Västernorrland .653, Örebro .595, Kalmar .511,
    /// Stockholm .488). They equal the published "Belopp" column to the krona.
    /// </summary>
    [Fact]
    public void The_2025_second_payment_reproduces_the_governments_table_to_the_krona()
    {
        var expected = new Dictionary<string, long>
        {
            ["01"] = 46_759_214, ["03"] = 7_725_254, ["04"] = 5_662_977, ["05"] = 8_894_650, ["06"] = 6_961_328, ["07"] = 3_827_340,
            ["08"] = 4_623_721, ["09"] = 1_148_287, ["10"] = 2_951_619, ["12"] = 26_971_963, ["14"] = 33_452_769, ["17"] = 5_330_826,
            ["18"] = 5_804_632, ["19"] = 5_286_838, ["20"] = 5_383_638, ["22"] = 4_536_986, ["23"] = 2_495_480, ["25"] = 4_682_478,
            ["13"] = 0, ["21"] = 0, ["24"] = 0,
        };
        var result = Allocator.Allocate(WithFailing(Actual2025, "13", "21", "24"), Ref, FailedSharePolicy.Redistribute);
        var p2 = result.Rows.Where(r => r.PaymentId == "payment2").ToList();
        p2.ToDictionary(r => r.RegionCode, r => r.Amount).ShouldBe(expected, ignoreOrder: true);
        p2.ShouldAllBe(r => r.PopulationReferenceDate == new DateOnly(2025, 9, 30) && r.Withheld == 0 && !r.Provisional);
        p2.Where(r => r.Amount > 0).Sum(r => r.Population!.Value).ShouldBe(9_699_964);
        p2.Where(r => r.Amount == 0).ShouldAllBe(r => r.Population == null);
    }

    [Fact]
    public void A_payment_that_needs_a_missing_figure_stops_naming_the_region_and_the_date()
    {
        // Halland has no September 2025 figure: if it qualified, payment 2 could not be split.
        var e = Should.Throw<AllocationUnavailableException>(() => Allocator.Allocate(WithFailing(Actual2025, "21", "24"), Ref, FailedSharePolicy.Redistribute));
        e.Message.ShouldContain("13 Hallands län");
        e.Message.ShouldContain("2025-09-30");
        e.Message.ShouldNotContain("Gävleborg");
        // Under withhold every region's share is computed, so the figures of all 21 are needed.
        Should.Throw<AllocationUnavailableException>(() => Allocator.Allocate(WithFailing(Actual2025, "13", "21", "24"), Ref, FailedSharePolicy.Withhold))
            .Message.ShouldContain("21 Gävleborgs län");
    }

    [Theory]
    [InlineData(FailedSharePolicy.Redistribute)]
    [InlineData(FailedSharePolicy.Withhold)]
    public void Every_payment_sums_exactly_to_its_amount(FailedSharePolicy policy)
    {
        var result = Allocator.Allocate(WithFailing("13", "21", "24"), Ref, policy);
        foreach (var p in Rules2025.Payments)
        {
            var rows = result.Rows.Where(r => r.PaymentId == p.Id).ToList();
            (rows.Sum(r => r.Amount) + rows.Sum(r => r.Withheld)).ShouldBe(p.Amount);
            result.Subtotals.Where(s => s.PaymentId == p.Id && s.RccCode != "SE").Sum(s => s.Amount + s.Withheld).ShouldBe(p.Amount);
        }
        result.Rows.ShouldAllBe(r => r.Policy == policy);
    }

    [Fact]
    public void Redistribution_pays_the_whole_payment_to_the_qualifying_regions()
    {
        var result = Allocator.Allocate(WithFailing("21"), Ref, FailedSharePolicy.Redistribute);
        var p2 = result.Rows.Where(r => r.PaymentId == "payment2").ToList();
        p2.Single(r => r.RegionCode == "21").Amount.ShouldBe(0);
        p2.Sum(r => r.Amount).ShouldBe(182_500_000);
        p2.Sum(r => r.Withheld).ShouldBe(0);
        // Gotland (61 029 of 10 551 707 - 285 642 = 10 266 065 inhabitants) gets 182 500 000 × 61 029 / 10 266 065 = 1 084 913.5 kr, rounded to 1 084 913 or 1 084 914.
        p2.Single(r => r.RegionCode == "09").Amount.ShouldBeInRange(1_084_913, 1_084_914);
    }

    [Fact]
    public void Withholding_keeps_the_failing_regions_share_out()
    {
        var result = Allocator.Allocate(WithFailing("21"), Ref, FailedSharePolicy.Withhold);
        var gavleborg = result.Rows.Single(r => r.PaymentId == "payment2" && r.RegionCode == "21");
        gavleborg.Amount.ShouldBe(0);
        // 182 500 000 × 285 642 / 10 551 707 = 4 940 401.1 kr
        gavleborg.Withheld.ShouldBeInRange(4_940_401, 4_940_402);
        result.Subtotals.Single(s => s.PaymentId == "payment2" && s.RccCode == "SE").Withheld.ShouldBe(gavleborg.Withheld);
    }

    [Fact]
    public void Payment_one_goes_to_every_region_by_population()
    {
        var result = Allocator.Allocate(WithFailing("21"), Ref, FailedSharePolicy.Redistribute);
        var p1 = result.Rows.Where(r => r.PaymentId == "payment1").ToList();
        p1.ShouldAllBe(r => r.Amount > 0);
        // Stockholm: 182 500 000 × 2 454 821 / 10 551 707 = 42 458 043.3 kr
        p1.Single(r => r.RegionCode == "01").Amount.ShouldBeInRange(42_458_043, 42_458_044);
    }

    [Fact]
    public void Missing_population_makes_the_allocation_unavailable_naming_the_regions()
    {
        var rules = Rules2025 with { Population = new PopulationRule(new DateOnly(2024, 12, 31), true, "test") };
        var assessment = WithFailing() with { Rules = rules };
        var e = Should.Throw<AllocationUnavailableException>(() => Allocator.Allocate(assessment, Ref, FailedSharePolicy.Redistribute));
        e.Message.ShouldContain("04 Södermanlands län");
    }
}

public class PendingShareTests
{
    private static readonly ReferenceDataSet Ref = ReferenceDataSet.Embedded;
    private static readonly AgreementRules Rules2025 = AgreementRulesCatalog.Load(Ref).ForYear(2025) is var r
        ? r with { Payments = r.Payments.Select(p => p with { Population = null }).ToList() } : null!;

    private static AssessmentResult With(string failing, string pending) => new(Rules2025, [],
        Rules2025.Payments.SelectMany(p => Ref.Regions.Select(r => new PaymentDecision(p.Id, r.Code,
            p.Eligibility == PaymentEligibility.AllRegions ? ConditionOutcome.Met
            : r.Code == failing ? ConditionOutcome.NotMet
            : r.Code == pending ? ConditionOutcome.CannotAssess
            : ConditionOutcome.Met, [], []))).ToList(),
        new Dictionary<string, double?>());

    [Fact]
    public void Under_redistribution_a_region_that_cannot_be_assessed_keeps_its_share_held_back()
    {
        var result = Allocator.Allocate(With(failing: "21", pending: "09"), Ref, FailedSharePolicy.Redistribute);
        var p2 = result.Rows.Where(r => r.PaymentId == "payment2").ToDictionary(r => r.RegionCode);
        p2["09"].Amount.ShouldBe(0);
        // Gotland's share of the payment among the 20 regions that have not failed: 182 500 000 × 61 029 / 10 266 065 = 1 084 913.5 kr.
        p2["09"].Withheld.ShouldBeInRange(1_084_913, 1_084_914);
        p2["21"].Withheld.ShouldBe(0);
        (p2.Values.Sum(r => r.Amount) + p2.Values.Sum(r => r.Withheld)).ShouldBe(182_500_000);

        // Once Gotland qualifies, nobody else's amount changes (except the rounding krona, which may move).
        var resolved = Allocator.Allocate(With(failing: "21", pending: "none"), Ref, FailedSharePolicy.Redistribute)
            .Rows.Where(r => r.PaymentId == "payment2").ToDictionary(r => r.RegionCode);
        foreach (var code in p2.Keys.Where(c => c != "09"))
        {
            Math.Abs(resolved[code].Amount - p2[code].Amount).ShouldBeLessThanOrEqualTo(1);
        }
        Math.Abs(resolved["09"].Amount - p2["09"].Withheld).ShouldBeLessThanOrEqualTo(1);
    }
}
