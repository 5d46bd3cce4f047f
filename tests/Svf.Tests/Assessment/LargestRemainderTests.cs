using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Svf.Assessment;

namespace Svf.Tests.Assessment;

public class LargestRemainderTests
{
    [Fact]
    public void Exact_shares_need_no_rounding()
    {
        LargestRemainder.Split(1000, [500, 300, 200], ["01", "03", "04"]).ShouldBe([500, 300, 200]);
    }

    [Fact]
    public void Leftover_kronor_go_to_the_largest_remainders()
    {
        // 10 kr by 4:4:3 (Σ 11): quotas 3.636, 3.636, 2.727 -> floors 3, 3, 2 (8 kr); remainders 7/11, 7/11, 8/11.
        // Two kronor left: first to C (8/11), then a tie between A and B (7/11, equal weights) -> lower key A.
        LargestRemainder.Split(10, [4, 4, 3], ["A", "B", "C"]).ShouldBe([4, 3, 3]);
    }

    [Fact]
    public void Tie_in_remainders_goes_to_the_lower_key_when_weights_are_equal()
    {
        // 100 kr in three equal parts: 33 each, remainder 1/3 each, one krona left -> key "01".
        LargestRemainder.Split(100, [1, 1, 1], ["02", "01", "03"]).ShouldBe([33, 34, 33]);
    }

    [Fact]
    public void Tie_in_remainders_goes_to_the_larger_weight_first()
    {
        // 5 kr by 2:4 (Σ 6)... quotas 1.667 and 3.333: remainders 4/6 and 2/6 -> no tie; use 3 kr by 1:2:3 (Σ 6):
        // quotas 0.5, 1, 1.5 -> floors 0, 1, 1; remainders 3/6, 0, 3/6 tie between weight 1 and weight 3 -> weight 3 wins.
        LargestRemainder.Split(3, [1, 2, 3], ["01", "02", "03"]).ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void Redistribution_example_worked_by_hand()
    {
        // Payment 1000 kr, populations 500, 300, 200, the second region fails and its share is redistributed:
        // weights 500, 0, 200 (Σ 700): 714.285 (rem 200/700) and 285.714 (rem 500/700): 999 kr, the last krona to the third.
        LargestRemainder.Split(1000, [500, 0, 200], ["01", "02", "03"]).ShouldBe([714, 0, 286]);
    }

    [Property(MaxTest = 300)]
    public bool Parts_always_sum_to_the_amount_and_stay_within_one_krona_of_the_quota(PositiveInt amountSeed, NonEmptyArray<PositiveInt> populationSeeds)
    {
        var amount = (long)amountSeed.Get * 1013 % 600_000_001;
        var weights = populationSeeds.Get.Take(21).Select(p => (long)p.Get * 97 % 2_500_000 + 1).ToArray();
        var keys = weights.Select((_, i) => i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var parts = LargestRemainder.Split(amount, weights, keys);
        var total = weights.Sum();
        var withinOne = parts.Select((p, i) => (decimal)p - (decimal)amount * weights[i] / total).All(d => d > -1 && d < 1);
        return parts.Sum() == amount && withinOne && parts.All(p => p >= 0);
    }
}
