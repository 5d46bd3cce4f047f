using Svf.Generation;
using Svf.ReferenceData;

namespace Svf.Web.Tests.Support;

/// <summary>Small pathway files generated on demand (the same generator as the demo), for periods the seed leaves free.</summary>
internal static class TestFiles
{
    /// <summary>A region's pathways started in one month (all dates in that month or soon after: in the past for every test run).</summary>
    public static string Pathways(string region, int year, int month, int count, string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"pathways-{region}-{year}-{month:D2}-{Guid.NewGuid():N}.csv");
        var from = new DateOnly(year, month, 1);
        new SyntheticDataGenerator(ReferenceDataSet.Embedded, new GeneratorSettings { Year = year, Seed = month * 100 + count })
            .WritePathways(region, count, path, from, from.AddMonths(1));
        return path;
    }
}
