using Svf.Output;

namespace Svf.Tests.Domain;

public class SwedishFormatTests
{
    [Fact]
    public void Numbers_shares_and_amounts_read_as_Swedish()
    {
        SwedishFormat.Percent(0.7234).ShouldBe("72,3 %");
        SwedishFormat.Percent(null).ShouldBe("–");
        SwedishFormat.Kronor(182_500_000).ShouldBe("182\u00a0500\u00a0000 kr");
        SwedishFormat.Number(12.26, 1).ShouldBe("12,3");
    }

    [Fact]
    public void Iso_dates_round_trip_and_reject_other_forms()
    {
        IsoDate.Parse("2026-09-30").ShouldBe(new DateOnly(2026, 9, 30));
        IsoDate.ToText(new DateOnly(2026, 1, 5)).ShouldBe("2026-01-05");
        IsoDate.TryParse("2026-02-30", out _).ShouldBeFalse();
        IsoDate.TryParse("30/09/2026", out _).ShouldBeFalse();
    }
}
