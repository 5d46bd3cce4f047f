using System.Globalization;
using Svf.Cli.Commands;

namespace Svf.Tests.Cli;

/// <summary>The README's main job, run in-process on a small data set: every stage runs and writes its files.</summary>
public class DemoCommandTests
{
    [Fact]
    public void Demo_runs_end_to_end_and_writes_consistent_results()
    {
        var dir = Directory.CreateTempSubdirectory("svf-demo-").FullName;
        try
        {
            var output = new StringWriter();
            DemoCommand.Run(2025, 6000, dir, output).ShouldBe(0);
            var text = output.ToString();
            text.ShouldContain("avvisad");                       // the file with mistakes is rejected
            text.ShouldContain("identisk, inget ändrades");      // the same file twice changes nothing
            text.ShouldContain("Riket per SVF, 2025");
            text.ShouldContain("Kalmar län kompletterar");       // the feedback loop on yearly reports
            text.ShouldContain("Bedömning av villkoren 2025");
            text.ShouldContain("Hallands län – Redovisning enligt mall senast 30 september 2025: ej uppfyllt");

            var results = Path.Combine(dir, "results");
            foreach (var file in new[] { "indicators-2025.csv", "indicators-2025.json", "assessment-2025.csv", "allocation-2025.csv", "deviations-2025.json", "conclusions-2025.csv" })
            {
                File.Exists(Path.Combine(results, file)).ShouldBeTrue(file);
            }
            var allocation = File.ReadAllLines(Path.Combine(results, "allocation-2025.csv"));
            var header = allocation[0].Split(';');
            int Col(string name) => Array.IndexOf(header, name);
            var byPayment = allocation.Skip(1).Select(l => l.Split(';'))
                .GroupBy(f => f[Col("payment_id")])
                .ToDictionary(g => g.Key, g => g.Sum(f => long.Parse(f[Col("amount")], CultureInfo.InvariantCulture) + long.Parse(f[Col("withheld")], CultureInfo.InvariantCulture)));
            byPayment["payment1"].ShouldBe(182_500_000);
            byPayment["payment2"].ShouldBe(182_500_000);
            allocation.Skip(1).Count(l => l.Split(';')[Col("region_code")] == "13" && l.Split(';')[Col("eligibility")] == "not_met").ShouldBe(1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
