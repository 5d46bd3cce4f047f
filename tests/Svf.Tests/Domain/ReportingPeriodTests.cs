using Svf.Domain;

namespace Svf.Tests.Domain;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData("2025", "2025-01-01", "2025-12-31")]
    [InlineData("2025-H1", "2025-01-01", "2025-06-30")]
    [InlineData("2025-H2", "2025-07-01", "2025-12-31")]
    [InlineData("2024-Q1", "2024-01-01", "2024-03-31")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    public void Parses_and_knows_its_bounds(string text, string start, string end)
    {
        var p = ReportingPeriod.Parse(text);
        p.Start.ShouldBe(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        p.End.ShouldBe(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        p.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-Q5")]
    [InlineData("2025-H3")]
    [InlineData("25")]
    [InlineData("")]
    public void Rejects_bad_text(string text) => ReportingPeriod.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Year_contains_its_half_but_not_the_reverse()
    {
        var year = ReportingPeriod.Parse("2025");
        var h1 = ReportingPeriod.Parse("2025-H1");
        year.Contains(h1).ShouldBeTrue();
        h1.Contains(year).ShouldBeFalse();
        h1.Overlaps(year).ShouldBeTrue();
        h1.Overlaps(ReportingPeriod.Parse("2025-07")).ShouldBeFalse();
    }
}
