using System.CommandLine;
using Svf.Application;
using Svf.Cli.Commands;
using Svf.Ingestion;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Cli;

/// <summary>The CLI commands run through the use-case services: their scope checks, audit entries and configured reference data.</summary>
public class CliOnServicesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svf-cli-").FullName;
    private string Db => "sqlite:" + Path.Combine(_dir, "svf.db");

    private static int Invoke(Command command, params string[] args) => CliTestRun.Invoke(command, args);

    private async Task<long> SendStockholmFile()
    {
        using var db = SvfDatabase.Open(Db);
        db.Migrate();
        var report = await new SubmissionUseCases(db, Svf.ReferenceData.ReferenceDataSet.Embedded, TestKeys.Pseudonymizer, FixedClock.Default)
            .SubmitAsync(Caller.Analyst("mottagare"), SubmissionKind.Pathways, "01", Svf.Domain.ReportingPeriod.Parse("2025"), new CsvBuilder().Rows(2).Stream(), "f.csv");
        return report.SubmissionId!.Value;
    }

    private List<AuditLog.Entry> Audit() => CliTestRun.Audit(Db);

    [Fact]
    public async Task A_withdrawal_refused_on_the_command_line_is_audited()
    {
        var id = await SendStockholmFile();
        Should.Throw<AccessDeniedException>(() => Invoke(WithdrawCommand.Create(), "--db", Db, "--reason", "fel", "--as-region", "03", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Audit().First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("submission.withdraw.denied"), e => e.RegionCode.ShouldBe("01"));

        // Not current any more after a withdrawal: a second one is refused, and that is audited too.
        Invoke(WithdrawCommand.Create(), "--db", Db, "--reason", "fel period", "--as-region", "01", id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(0);
        Should.Throw<ArgumentException>(() => Invoke(WithdrawCommand.Create(), "--db", Db, "--reason", "igen", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Audit().First().Action.ShouldBe("submission.withdraw.refused");
    }

    [Fact]
    public async Task Region_codes_on_the_command_line_are_checked_with_a_clear_message()
    {
        var id = await SendStockholmFile();
        // "1" is not a region code (01 is): said so, instead of "region 1 may not withdraw a submission of region 01".
        Should.Throw<ArgumentException>(() => Invoke(WithdrawCommand.Create(), "--db", Db, "--reason", "x", "--as-region", "1", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Message.ShouldContain("Okänd regionkod för användaren '1'");
        Should.Throw<ArgumentException>(() => Invoke(SubmissionsCommand.Create(), "--db", Db, "--region", "99"))
            .Message.ShouldContain("Okänd regionkod '99'");
        Should.Throw<ArgumentException>(() => Invoke(PathwaysCommand.Create(), "--db", Db, "--region", "1", "--purpose", "p", "--out", Path.Combine(_dir, "p.csv")))
            .Message.ShouldContain("'1'");
    }

    [Fact]
    public void Report_status_uses_the_reference_data_it_is_given()
    {
        // A reference folder where region 01 has another name: the letters must use it (the command used to ignore the folder).
        var refDir = Directory.CreateDirectory(Path.Combine(_dir, "ref")).FullName;
        File.WriteAllLines(Path.Combine(refDir, "regioner.csv"),
            File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "src/Svf/ReferenceData/regioner.csv")).Select(l => l.Replace("Stockholms län", "Region Stockholm (test)", StringComparison.Ordinal)));
        var outDir = Path.Combine(_dir, "letters");
        Invoke(ReportCommand.Create(), "status", "--db", Db, "--year", "2025", "--reference-data", refDir, "--out-dir", outDir).ShouldBe(0);
        File.ReadAllText(Path.Combine(outDir, "feedback-2025-01.txt")).ShouldContain("Region Stockholm (test) (01)");
        Audit().First().Action.ShouldBe("report.status.read");
    }

    [Fact]
    public async Task What_if_on_the_command_line_writes_the_comparison()
    {
        using (var db = SvfDatabase.Open(Db))
        {
            db.Migrate();
            await Svf.Tests.Application.AssessmentUseCasesTests.Seed(db);
        }
        var csv = Path.Combine(_dir, "what-if.csv");
        Invoke(AssessCommand.Create(), "what-if", "--db", Db, "--year", "2025", "--inclusion-threshold", "0.55", "--out", csv).ShouldBe(0);
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(';');
        header.ShouldContain("locked_amount");
        string Cell(string region, string payment, string column) =>
            lines.Skip(1).Select(l => l.Split(';')).Single(f => f[Array.IndexOf(header, "region_code")] == region && f[Array.IndexOf(header, "payment_id")] == payment)[Array.IndexOf(header, column)];
        // As hand-worked in AssessmentUseCasesTests: Uppsala qualifies at 55 % and gets 25 876 344 kr of payment 2.
        Cell("03", "TOTAL", "difference").ShouldBe("25876344");
        Cell("01", "payment2", "scenario_amount").ShouldBe("156623656");
        Audit().First().Action.ShouldBe("assessment.what_if");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
        GC.SuppressFinalize(this);
    }
}
