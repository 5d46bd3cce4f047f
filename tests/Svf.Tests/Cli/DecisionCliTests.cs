using System.Diagnostics;
using System.Text;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Cli;

/// <summary>
/// The locked decision through the CLI, as an analyst uses it: lock, show exactly as locked, a correction that arrives
/// after the lock (flagged on ingest and in the history), diff per region and krona, and a second lock refused.
/// Data as in DecisionServiceTests: 01 qualifies, Gotland (09) has reported on time but sends its data after the lock.
/// </summary>
public sealed class DecisionCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("svf-decision-cli-").FullName;
    private readonly byte[] _keyBytes = TestKeys.Other();

    private string Key => Convert.ToBase64String(_keyBytes);

    private string Db => "sqlite:" + Path.Combine(_dir, "svf.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private (int Code, string Out, string Err) Svf(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Svf.Cli.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SVF_PSEUDONYM_KEY"] = Key;
        start.Environment["SVF_ACTOR"] = "analytiker";
        start.Environment.Remove("SVF_DB");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(120_000).ShouldBeTrue("the CLI did not finish");
        // Swedish thousands separators are no-break spaces; compare with ordinary ones.
        static string Plain(string t) => t.Replace('\u00A0', ' ').Replace('\u202F', ' ');
        return (p.ExitCode, Plain(stdout.Result), Plain(stderr.Result));
    }

    private string SendData(string region, bool viaCli)
    {
        var pathways = Path.Combine(_dir, $"p-{region}.csv");
        File.WriteAllText(pathways, new CsvBuilder().Rows(7, (_, r) => r[global::Svf.Ingestion.SubmissionColumns.Region] = region).Text(), new UTF8Encoding(false));
        var rules = AgreementRulesCatalog.Load(global::Svf.ReferenceData.ReferenceDataSet.Embedded).ForYear(2025);
        var others = rules.Condition("inclusion").SvfCodes.Where(c => c != "BROST" && global::Svf.ReferenceData.ReferenceDataSet.Embedded.SvfsByCode[c].HasIcdList)
            .Select(c => $"{region};{c};2025-H1;0\n");
        var newCases = Path.Combine(_dir, $"n-{region}.csv");
        File.WriteAllText(newCases, $"region;svf;period;new_cases\n{region};BROST;2025-H1;10\n" + string.Concat(others), new UTF8Encoding(false));
        if (viaCli)
        {
            Svf("ingest", "--db", Db, "--region", region, "--period", "2025", pathways).Code.ShouldBe(0);
            var result = Svf("ingest", "--db", Db, "--region", region, "--period", "2025", "--kind", "new_cases", newCases);
            result.Code.ShouldBe(0);
            return result.Out;
        }
        using var db = SvfDatabase.Open(Db);
        db.Migrate();
        var service = new global::Svf.Ingestion.SubmissionService(db, global::Svf.ReferenceData.ReferenceDataSet.Embedded, new global::Svf.Ingestion.Pseudonymizer(_keyBytes), TimeProvider.System);
        using (var s = File.OpenRead(pathways))
        {
            service.SubmitPathways(s, pathways, region, global::Svf.Domain.ReportingPeriod.Parse("2025"), "t").ErrorCount.ShouldBe(0);
        }
        using (var s = File.OpenRead(newCases))
        {
            service.SubmitNewCases(s, newCases, region, global::Svf.Domain.ReportingPeriod.Parse("2025"), "t").ErrorCount.ShouldBe(0);
        }
        return "";
    }

    private void SendReport(string region, string savedUtc)
    {
        var reference = global::Svf.ReferenceData.ReferenceDataSet.Embedded;
        var rules = AgreementRulesCatalog.Load(reference).ForYear(2025);
        using var db = SvfDatabase.Open(Db);
        db.Migrate();
        var report = global::Svf.Generation.SyntheticReports.Complete(ReportPrefill.Create(rules, reference, region, []), rules, 0.70, premInUse: true);
        RegionReportStore.Save(db, report, submit: true, "samordnare", new FixedClock(DateTimeOffset.Parse(savedUtc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Lock_show_after_lock_diff_and_refusal()
    {
        SendData("01", viaCli: false);
        SendReport("01", "2025-09-20T08:00:00Z");
        SendReport("09", "2025-09-22T08:00:00Z");

        var locked = Svf("assess", "--db", Db, "--year", "2025", "--lock");
        locked.Code.ShouldBe(0, locked.Err);
        locked.Out.ShouldContain("Beslutet för 2025 är låst: post 1");
        var lockedText = locked.Out[..locked.Out.IndexOf("Beslutet för 2025 är låst", StringComparison.Ordinal)];
        lockedText.ShouldContain("178 125 688");

        SendData("09", viaCli: true).ShouldContain("OBS: inkom efter att beslutet för 2025 låstes"); // after the lock
        var late = Svf("submissions", "--db", Db);
        late.Out.Split('\n').Where(l => l.Contains(" 09 ", StringComparison.Ordinal)).ShouldAllBe(l => l.Contains(" ja ", StringComparison.Ordinal));

        // Shown exactly as locked, whatever arrived since; the re-run from the record agrees.
        var shown = Svf("assess", "show", "--db", Db, "--year", "2025", "--verify", "--out-dir", Path.Combine(_dir, "locked"));
        shown.Code.ShouldBe(0, shown.Err);
        shown.Out.ShouldContain(lockedText);
        shown.Out.ShouldContain("Inkommet efter låsningen");
        shown.Out.ShouldContain("Omräkning från posten: identiska resultat");
        File.ReadAllText(Path.Combine(_dir, "locked", "allocation-2025.csv")).ShouldContain(";178125688;");

        var diff = Svf("assess", "diff", "--db", Db, "--year", "2025");
        diff.Code.ShouldBe(0, diff.Err);
        diff.Out.ShouldContain("09 Gotlands län");
        diff.Out.ShouldContain("+4 374 312");
        diff.Out.ShouldContain("Underlag som skiljer sig");

        var again = Svf("assess", "--db", Db, "--year", "2025", "--lock");
        again.Code.ShouldBe(2);
        again.Err.ShouldContain("redan låst");
    }
}
