using Svf.Assessment;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Tests.Assessment;

public class AllocatorTests
{
    private static readonly ReferenceDataSet Ref = ReferenceDataSet.Embedded;
    private static readonly AgreementRules Rules2025 = AgreementRulesCatalog.Load(Ref).ForYear(2025);

    private static AssessmentResult WithFailing(params string[] failing)
    {
        var decisions = Rules2025.Payments.SelectMany(p => Ref.Regions.Select(r =>
            p.Eligibility == PaymentEligibility.AllRegions || !failing.Contains(r.Code)
                ? new PaymentDecision(p.Id, r.Code, ConditionOutcome.Met, [], [])
                : new PaymentDecision(p.Id, r.Code, ConditionOutcome.NotMet, ["inclusion"], []))).ToList();
        return new AssessmentResult(Rules2025, [], decisions, new Dictionary<string, double?>());
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
    private static readonly AgreementRules Rules2025 = AgreementRulesCatalog.Load(Ref).ForYear(2025);

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
