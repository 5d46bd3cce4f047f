using System.Diagnostics;
using System.Text;
using Svf.Tests.Support;

namespace Svf.Tests.Cli;

/// <summary>
/// The CLI run as a process, as a script runs it: its exit codes are distinct and documented (README, *Command line*),
/// and an output option never overwrites a file of another kind.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svf-cli-").FullName;
    private readonly string _key = Convert.ToBase64String(TestKeys.Other());

    private string Db => "sqlite:" + Path.Combine(_dir, "svf.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private (int Code, string Out, string Err) Svf(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Svf.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        start.ArgumentList.Add(cli);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SVF_PSEUDONYM_KEY"] = _key;
        start.Environment["SVF_ACTOR"] = "test";
        start.Environment["DOTNET_TieredCompilation"] = "1"; // short runs: start fast
        start.Environment.Remove("SVF_DB");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(120_000).ShouldBeTrue("the CLI did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void Each_outcome_has_its_own_exit_code()
    {
        var good = File("good.csv", new CsvBuilder().Rows(2).Text());
        var bad = File("bad.csv", new CsvBuilder().Row(r => r[global::Svf.Ingestion.SubmissionColumns.SuspicionDate] = "2025-02-30").Text());

        Svf("ingest", "--db", Db, "--region", "01", "--period", "2025", good).Code.ShouldBe(0);

        var rejected = Svf("ingest", "--db", Db, "--region", "01", "--period", "2025-Q1", bad);
        rejected.Code.ShouldBe(3);
        rejected.Out.ShouldContain("avvisad");

        var refused = Svf("pathways", "--db", Db, "--region", "01", "--as-region", "03", "--out", Path.Combine(_dir, "x.csv"));
        refused.Code.ShouldBe(4);
        refused.Err.ShouldContain("access refused");
        System.IO.File.Exists(Path.Combine(_dir, "x.csv")).ShouldBeFalse();
        Svf("withdraw", "1", "--db", Db, "--reason", "fel", "--as-region", "03").Code.ShouldBe(4);
        Svf("ingest", "--db", Db, "--region", "01", "--as-region", "03", "--period", "2025", good).Code.ShouldBe(4); // refused by the service, in an async command

        Svf("ingest", "--db", Db, "--region", "01", "--no-such-option", good).Code.ShouldBe(2);   // parse error
        Svf("ingest", "--db", Db, "--region", "01", "--period", "2025", Path.Combine(_dir, "missing.csv")).Code.ShouldBe(2);
        Svf("indicators", "--db", Db, "--confidence", "0.5").Code.ShouldBe(2);                  // a value the command refuses

        // Not a user's mistake: a database file that is not a database.
        var broken = File("broken.db", new string('x', 5000));
        var internalError = Svf("submissions", "--db", "sqlite:" + broken);
        internalError.Code.ShouldBe(1);
        internalError.Err.ShouldContain("internal error");
    }

    [Fact]
    public void An_output_option_never_overwrites_a_file_of_another_kind()
    {
        var good = File("good.csv", new CsvBuilder().Rows(2).Text());
        Svf("ingest", "--db", Db, "--region", "01", "--period", "2025", good).Code.ShouldBe(0);
        var dbFile = Path.Combine(_dir, "svf.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = System.IO.File.ReadAllBytes(dbFile);

        // The reported fault: --feedback svf.db replaced the database with the letter.
        var feedback = Svf("ingest", "--db", Db, "--region", "01", "--period", "2025-Q1", "--feedback", "svf.db", good);
        feedback.Code.ShouldBe(2);
        feedback.Err.ShouldContain("--feedback svf.db: writes only .json or .txt files");
        System.IO.File.ReadAllBytes(dbFile).ShouldBe(before);
        Svf("submissions", "--db", Db).Out.ShouldNotContain("2025-Q1"); // refused before anything was received

        // Every output option goes through the same guard.
        Svf("submissions", "--db", Db, "--out", "svf.db").Code.ShouldBe(2);
        Svf("indicators", "--db", Db, "--out", dbFile).Code.ShouldBe(2);
        Svf("pathways", "--db", Db, "--region", "01", "--as-region", "01", "--out", "rows.xlsx").Code.ShouldBe(2);
        Svf("report", "template", "--db", Db, "--year", "2025", "--region", "01", "--out", "mall.csv").Code.ShouldBe(2);
        // A database renamed to .json is not overwritten either, and an --out-dir that is a file is refused.
        var disguised = Path.Combine(_dir, "disguised.json");
        System.IO.File.Copy(dbFile, disguised);
        var disguisedBytes = System.IO.File.ReadAllBytes(disguised);
        Svf("submissions", "--db", Db, "--out", disguised).Code.ShouldBe(2);
        System.IO.File.ReadAllBytes(disguised).ShouldBe(disguisedBytes);
        Svf("assess", "--db", Db, "--year", "2025", "--out-dir", good).Code.ShouldBe(2);
        Svf("report", "status", "--db", Db, "--year", "2025", "--out-dir", dbFile).Code.ShouldBe(2);
        Svf("allocation", "--year", "2025", "--out", "svf.db").Code.ShouldBe(2);
        Svf("skr", "import", "--db", Db, "--feedback", "svf.db", good).Code.ShouldBe(2);
        Svf("investments", "import", "--db", Db, "--rcc", "Vast", "--year", "2025", "--feedback", "svf.db", good).Code.ShouldBe(2);
        Svf("skr", "reconcile", "--db", Db, "--out-dir", dbFile).Code.ShouldBe(2);
        // The database is still the database (reads are audited, so its bytes may have grown).
        System.IO.File.ReadAllBytes(dbFile).AsSpan(0, 15).SequenceEqual("SQLite format 3"u8).ShouldBeTrue();
        Svf("submissions", "--db", Db).Out.ShouldContain("good.csv");

        // Its own kinds are written.
        Svf("ingest", "--db", Db, "--region", "01", "--period", "2025", "--feedback", "letter.txt", good).Code.ShouldBe(0); // unchanged: exit 0
        System.IO.File.ReadAllText(Path.Combine(_dir, "letter.txt")).ShouldStartWith("Återkoppling på inrapportering: good.csv");
        Svf("submissions", "--db", Db, "--out", "history.csv").Code.ShouldBe(0);
        System.IO.File.ReadAllLines(Path.Combine(_dir, "history.csv")).Length.ShouldBe(2); // header and the one submission (the second send was unchanged)
    }
}
