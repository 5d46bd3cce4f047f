using System.CommandLine;
using System.Text;
using Svf.Application;
using Svf.Cli.Commands;
using Svf.Storage;
using Svf.Tests.Investments;
using Svf.Tests.Reconciliation;

namespace Svf.Tests.Cli;

/// <summary>svf investments, svf skr and svf allocation run through the application services: scope refused and audited, comparison named.</summary>
public class InvestmentAndSkrCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svf-cli-inv-").FullName;
    private string Db => "sqlite:" + Path.Combine(_dir, "svf.db");

    private static int Invoke(Command command, params string[] args) => CliTestRun.Invoke(command, args);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private List<AuditLog.Entry> Audit() => CliTestRun.Audit(Db);

    [Fact]
    public void An_rcc_coordinator_importing_for_another_rcc_is_refused_and_audited_and_its_own_import_is_accepted()
    {
        var report = File("vast-2025.csv", InvestmentTestData.Vast2025);
        Should.Throw<AccessDeniedException>(() => Invoke(InvestmentsCommand.Create(), "import", "--db", Db, "--rcc", "Vast", "--year", "2025", "--as-rcc", "Syd", report));
        Audit().First().Action.ShouldBe("investments.import.denied");
        Invoke(InvestmentsCommand.Create(), "import", "--db", Db, "--rcc", "Vast", "--year", "2025", "--as-rcc", "Vast", report).ShouldBe(0);
        Audit().First().Action.ShouldBe("investments.accepted");

        var out1 = Path.Combine(_dir, "effect.csv");
        Invoke(InvestmentsCommand.Create(), "effect", "--db", Db, "--year", "2025", "--comparison", "other-svf", "--out", out1).ShouldBe(0);
        var lines = System.IO.File.ReadAllLines(out1);
        var header = lines[0].Split(';');
        // VAST-PAT-01 (BROST, PROSTATA) and VAST-BFM-01 (LUNG): two measures each.
        lines.Length.ShouldBe(1 + 3 * 2);
        lines.Skip(1).ShouldAllBe(l => l.Split(';')[Array.IndexOf(header, "comparison_group")] == "other_svf_same_regions");
        Audit().First().Detail.ShouldEndWith("comparison other_svf_same_regions");
        Should.Throw<ArgumentException>(() => Invoke(InvestmentsCommand.Create(), "effect", "--db", Db, "--year", "2025", "--comparison", "grannar"))
            .Message.ShouldStartWith("Okänd jämförelsegrupp 'grannar'.");
    }

    [Fact]
    public void Skr_figures_are_imported_as_the_analyst_and_a_region_reconciles_only_itself()
    {
        Invoke(SkrCommand.Create(), "import", "--db", Db, File("skr.csv", SkrTestData.Agreeing)).ShouldBe(0);
        Audit().First().ShouldSatisfyAllConditions(a => a.Action.ShouldBe("skr.accepted"));
        var outDir = Directory.CreateDirectory(Path.Combine(_dir, "rec")).FullName;
        Invoke(SkrCommand.Create(), "reconcile", "--db", Db, "--as-region", "03", "--all", "--out-dir", outDir).ShouldBe(0);
        var cells = System.IO.File.ReadAllLines(Path.Combine(outDir, "skr-reconciliation-cells.csv"));
        cells.Length.ShouldBeGreaterThan(1);
        cells.Skip(1).ShouldAllBe(l => l.StartsWith("03;", StringComparison.Ordinal));
        Audit().First().ShouldSatisfyAllConditions(a => a.Action.ShouldBe("skr.reconciled"), a => a.RegionCode.ShouldBe("03"));
    }

    [Fact]
    public void The_allocation_comes_from_the_application_service()
    {
        var path = Path.Combine(_dir, "totals.csv");
        Invoke(AllocationCommand.Create(), "--year", "2025", "--totals", "--out", path).ShouldBe(0);
        var lines = System.IO.File.ReadAllLines(path);
        var header = lines[0].Split(';');
        lines.Skip(1).Sum(l => long.Parse(l.Split(';')[Array.IndexOf(header, "amount")], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(817_000_000);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
