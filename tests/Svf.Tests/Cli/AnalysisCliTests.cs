using System.CommandLine;
using System.Text.Json;
using Svf.Application;
using Svf.Cli.Commands;
using Svf.Storage;
using Svf.Tests.Application;

namespace Svf.Tests.Cli;

/// <summary><c>svf analysis</c>: the analyses' tables written as CSV and JSON through the use case, refusals as exit code 4's exception.</summary>
public class AnalysisCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svf-analysis-cli-").FullName;
    private string Db => "sqlite:" + Path.Combine(_dir, "svf.db");

    private static int Invoke(params string[] args) => CliTestRun.Invoke(AnalysisCommand.Create(), args);

    private async Task Seed()
    {
        using var db = SvfDatabase.Open(Db);
        db.Migrate();
        await AnalysisUseCasesTests.Seed(db);
    }

    [Fact]
    public async Task Segments_as_csv_and_obstacles_as_json_carry_the_hand_worked_figures()
    {
        await Seed();
        var csv = Path.Combine(_dir, "segment.csv");
        Invoke("--db", Db, "--year", "2025", "--kind", "segments", "--out", csv).ShouldBe(0);
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(';');
        var stockholm = lines.Skip(1).Select(l => l.Split(';')).Single(f => f[Array.IndexOf(header, "unit_code")] == "01" && f[Array.IndexOf(header, "svf")] == "BROST");
        string Cell(string column) => stockholm[Array.IndexOf(header, column)];
        (Cell("excess_to_first_visit"), Cell("excess_to_decision"), Cell("excess_to_treatment"), Cell("excess_total")).ShouldBe(("1", "15.5", "2", "18.5"));
        Cell("largest_excess_segment").ShouldBe("first_visit_to_decision");
        Cell("largest_excess_share").ShouldBe((15.5 / 18.5).ToString("R", System.Globalization.CultureInfo.InvariantCulture));

        var json = Path.Combine(_dir, "hinder.json");
        Invoke("--db", Db, "--year", "2025", "--kind", "obstacles", "--out", json).ShouldBe(0);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var breast = doc.RootElement[0];
        breast.GetProperty("svf").GetString().ShouldBe("BROST");
        breast.GetProperty("region_codes").GetString().ShouldBe("01, 03, 05");
        breast.GetProperty("women_within_limit_share").GetDouble().ShouldBe(0.4);
        breast.GetProperty("largest_excess_segment").GetString().ShouldBe("first_visit_to_decision");
    }

    [Fact]
    public async Task A_region_user_gets_only_its_rows_and_is_refused_the_obstacles()
    {
        await Seed();
        var csv = Path.Combine(_dir, "kon.csv");
        Invoke("--db", Db, "--year", "2025", "--kind", "sex-difference", "--as-region", "03", "--out", csv).ShouldBe(0);
        File.ReadAllLines(csv).Skip(1).Select(l => l.Split(';')[2]).ShouldBe(["SE", "03"]);
        Should.Throw<AccessDeniedException>(() => Invoke("--db", Db, "--year", "2025", "--kind", "obstacles", "--as-region", "03"));
        Invoke("--db", Db, "--year", "2025", "--kind", "causes").ShouldNotBe(0);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
        GC.SuppressFinalize(this);
    }
}
