using Svf.Indicators;

namespace Svf.Tests.Indicators;

public class StatisticsTests
{
    [Fact]
    public void Wilson_interval_of_8_out_of_10()
    {
        // Hand-worked with z = 1.96: centre = (0.8 + 0.19208) / 1.38416 = 0.716738;
        // half = 1.96 * sqrt(0.016 + 0.009604) / 1.38416 = 0.226581 -> [0.490157, 0.943319].
        var ci = Statistics.Wilson(8, 10, 1.96)!.Value;
        ci.Low.ShouldBe(0.490157, 1e-5);
        ci.High.ShouldBe(0.943319, 1e-5);
    }

    [Fact]
    public void Wilson_interval_at_zero_and_all()
    {
        // x = 0: low is 0, high = z²/n / (1 + z²/n) = 0.38416 / 1.38416 = 0.277540.
        Statistics.Wilson(0, 10, 1.96)!.Value.Low.ShouldBe(0, 1e-12);
        Statistics.Wilson(0, 10, 1.96)!.Value.High.ShouldBe(0.277540, 1e-5);
        Statistics.Wilson(10, 10, 1.96)!.Value.High.ShouldBe(1, 1e-12);
    }

    [Fact]
    public void No_interval_when_undefined()
    {
        Statistics.Wilson(1, 0, 1.96).ShouldBeNull();
        Statistics.Wilson(11, 10, 1.96).ShouldBeNull();
    }

    [Fact]
    public void Percentiles_interpolate_between_ranks()
    {
        // Values 1, 2, 3, 4, 10 (n = 5). Type 7: h = 4p. Median h = 2 -> 3. P80 h = 3.2 -> 4 + 0.2 * 6 = 5.2. P90 h = 3.6 -> 7.6.
        var h = new LeadTimeHistogram();
        foreach (var v in new[] { 10, 3, 1, 4, 2 })
        {
            h.Add(v);
        }
        h.Percentile(0.5).ShouldBe(3);
        h.Percentile(0.8)!.Value.ShouldBe(5.2, 1e-9);
        h.Percentile(0.9)!.Value.ShouldBe(7.6, 1e-9);
    }

    [Fact]
    public void Percentiles_with_repeated_values_and_even_count()
    {
        // 5, 5, 5, 9: median h = 1.5 -> 5 + 0.5 * 0 = 5; P90 h = 2.7 -> 5 + 0.7 * 4 = 7.8.
        var h = new LeadTimeHistogram();
        h.Add(5, 3);
        h.Add(9);
        h.Percentile(0.5).ShouldBe(5);
        h.Percentile(0.9)!.Value.ShouldBe(7.8, 1e-9);
        new LeadTimeHistogram().Percentile(0.5).ShouldBeNull();
    }
}
