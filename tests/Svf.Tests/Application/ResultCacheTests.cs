using System.Text.Json;
using Svf.Application;
using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Storage;
using Svf.Tests.Support;
using static Svf.Tests.Support.AppTestData;

namespace Svf.Tests.Application;

/// <summary>
/// The result cache: the indicator tables and the reporting status are computed once per version of the data they read, a
/// cached read gives exactly the figures of a fresh computation, and every change to what counts (a new file, a supersede, a
/// withdrawal, a yearly report, feedback sent) is seen by the next read. Scope and audit still happen on every read.
/// </summary>
public class ResultCacheTests
{
    private static readonly Caller Analyst = Caller.Analyst("analytiker");
    private static readonly IndicatorRequest Year2025 = new(PeriodKind.Year, ReportingPeriod.Parse("2025"));
    private static readonly IndicatorRequest NationBreast = Year2025 with { UnitCode = "SE", Svf = "BROST", Sex = IndicatorEngine.BothSexes };

    private static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows, Svf.Output.TableExport.JsonOptions);

    private static int Audited(SvfDatabase db, string action) => AuditLog.Read(db).Count(e => e.Action == action);

    /// <summary>Stockholm (01) 12 breast-cancer pathways, Uppsala (03) 8: 20 started in the nation in 2025; a service with a fresh cache.</summary>
    private static async Task<(SubmissionUseCases Submissions, ResultCache Cache, IndicatorUseCases Service)> StockholmAndUppsala(SvfDatabase db)
    {
        var uc = Submissions(db, AssessmentUseCasesTests.September);
        await Send(uc, SubmissionKind.Pathways, "01", "2025", BreastPathways("01", Repeat(12, new DateOnly(2025, 2, 3), 20)));
        await Send(uc, SubmissionKind.Pathways, "03", "2025", BreastPathways("03", Repeat(8, new DateOnly(2025, 2, 3), 20)));
        var cache = new ResultCache();
        return (uc, cache, new IndicatorUseCases(db, ReferenceDataSet.Embedded, new IndicatorOptions(), cache));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Cached_indicator_tables_equal_a_fresh_computation_and_follow_new_files_supersedes_and_withdrawals(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var (uc, cache, service) = await StockholmAndUppsala(t.Db);

        var first = service.Query(Analyst, Year2025);
        cache.Computations.ShouldBe(2); // the nation's monthly cells and the yearly table
        var second = service.Query(Analyst, Year2025);
        cache.Computations.ShouldBe(2); // taken from the cache
        var fresh = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions())
            .Compute(IndicatorSource.Pathways(t.Db), IndicatorSource.NewCases(t.Db), new IndicatorQuery(PeriodKind.Year, ReportingPeriod.Parse("2025")));
        Json(second).ShouldBe(Json(first));
        Json(second).ShouldBe(Json(fresh));
        second.Count.ShouldBe(20);
        // Another table of the same data reuses the monthly cells: only the half-year table is computed.
        service.Query(Analyst, new IndicatorRequest(PeriodKind.HalfYear, ReportingPeriod.Parse("2025")) { UnitCode = "SE" }).ShouldNotBeEmpty();
        cache.Computations.ShouldBe(3);
        // The audit entry is written on every read, cached or not.
        Audited(t.Db, "indicators.read").ShouldBe(3);
        service.Query(Analyst, NationBreast).Single().Started.ShouldBe(20);

        // A new file from Gotland (09): 5 more.
        var gotland = (await Send(uc, SubmissionKind.Pathways, "09", "2025", BreastPathways("09", Repeat(5, new DateOnly(2025, 3, 3), 20)))).SubmissionId!.Value;
        service.Query(Analyst, NationBreast).Single().Started.ShouldBe(25);
        // Stockholm's file superseded by one of 4 pathways: 4 + 8 + 5.
        await Send(uc, SubmissionKind.Pathways, "01", "2025", BreastPathways("01", Repeat(4, new DateOnly(2025, 2, 3), 20)));
        service.Query(Analyst, NationBreast).Single().Started.ShouldBe(17);
        // Gotland's file withdrawn: 4 + 8.
        uc.Withdraw(Caller.RegionReporterOf("samordnare-09", "09"), gotland, "fel period");
        service.Query(Analyst, NationBreast).Single().Started.ShouldBe(12);
        var again = cache.Computations;
        service.Query(Analyst, NationBreast).Single().Started.ShouldBe(12);
        cache.Computations.ShouldBe(again);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Scope_is_applied_to_cached_figures_and_refusals_are_still_audited(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var (_, cache, service) = await StockholmAndUppsala(t.Db);
        var stockholm = Caller.RegionReporterOf("samordnare-01", "01");

        service.Query(Analyst, Year2025).Select(r => r.UnitCode).ShouldContain("03");
        // The same cached table, seen by Stockholm's reporter: its region and the nation only.
        service.Query(stockholm, Year2025).Select(r => r.UnitCode).Distinct().ShouldBe(["SE", "01"], ignoreOrder: true);
        cache.Computations.ShouldBe(2);
        Should.Throw<AccessDeniedException>(() => service.Query(stockholm, Year2025 with { UnitCode = "03" }));
        AuditLog.Read(t.Db).First().Action.ShouldBe("indicators.denied");
        // The ministry asks for one region with the publication rule: that region's cells and table, computed once.
        var ministry = service.Query(Caller.Ministry("departementet"), Year2025 with { UnitCode = "01", Svf = "BROST", Sex = IndicatorEngine.BothSexes }).Single();
        ministry.Started.ShouldBe(12);
        cache.Computations.ShouldBe(4);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_first_reads_compute_once(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = Submissions(t.Db, AssessmentUseCasesTests.September);
        await Send(uc, SubmissionKind.Pathways, "01", "2025", BreastPathways("01", Repeat(12, new DateOnly(2025, 2, 3), 20)));
        var cache = new ResultCache();
        var service = new IndicatorUseCases(t.Db, ReferenceDataSet.Embedded, new IndicatorOptions(), cache);

        using var start = new Barrier(8);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return service.Query(Analyst, NationBreast);
        })));

        cache.Computations.ShouldBe(2);
        results.ShouldAllBe(r => r.Single().Started == 12);
        Audited(t.Db, "indicators.read").ShouldBe(8);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_cached_reporting_status_follows_reports_feedback_and_files(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await AssessmentUseCasesTests.Seed(t.Db);
        var october = new MovableClock(new DateTimeOffset(2025, 10, 3, 10, 0, 0, TimeSpan.Zero));
        var cache = new ResultCache();
        var overview = new ReportingStatusOverview(t.Db, ReferenceDataSet.Embedded, Catalog, new IndicatorOptions(), october, cache);
        RegionReportingStatusRow Halland() => overview.Regions(Analyst, 2025).Single(r => r.RegionCode == "13");

        Halland().ReportStatus.ShouldBe(RegionReportingStatus.NotReceived);
        overview.Regions(Caller.RccCoordinatorOf("rcc", "Norr"), 2025).Select(r => r.RegionCode).ShouldBe(["22", "23", "24", "25"]);
        cache.Computations.ShouldBe(1);
        Audited(t.Db, "reporting_status.read").ShouldBe(2);

        // Halland submits an incomplete report (the template as it is): the next read sees it.
        var halland = Caller.RegionReporterOf("samordnare-13", "13");
        var reports = AssessmentUseCasesTests.Reports(t.Db, october);
        reports.Submit(halland, reports.Template(halland, 2025, "13"));
        Halland().ShouldSatisfyAllConditions(r => r.ReportStatus.ShouldBe(RegionReportingStatus.Incomplete), r => r.ReportLate.ShouldBeTrue());
        // Feedback sent on it.
        reports.RecordFeedbackSent(Analyst, 2025, "13");
        Halland().ReportStatus.ShouldBe(RegionReportingStatus.FeedbackSent);
        // A rejected file from Halland.
        var uc = Submissions(t.Db, october);
        var rejected = await uc.SubmitAsync(Analyst, SubmissionKind.Pathways, "13", ReportingPeriod.Parse("2025-H1"),
            new MemoryStream("inte;en;giltig;fil\n1;2;3;4\n"u8.ToArray()), "fel.csv");
        rejected.Status.ShouldBe(SubmissionStatus.Rejected);
        Halland().LastFileRejected.ShouldBeTrue();
        // A day later the months begun and the lateness are judged anew, with the same data.
        var computed = cache.Computations;
        Halland();
        cache.Computations.ShouldBe(computed);
        october.Now = october.Now.AddDays(1);
        Halland();
        cache.Computations.ShouldBe(computed + 1);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_report_letters_are_computed_once_and_follow_a_new_report_and_feedback_sent(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await AssessmentUseCasesTests.Seed(t.Db);
        var cache = new ResultCache();
        var reports = new YearlyReportUseCases(t.Db, ReferenceDataSet.Embedded, Catalog, new IndicatorOptions(), AssessmentUseCasesTests.September, cache);
        var gotland = Caller.RegionReporterOf("samordnare-09", "09");

        reports.Letter(gotland, 2025, "09").Status.ShouldBe(RegionReportingStatus.NotReceived);
        reports.Status(Analyst, 2025).Count.ShouldBe(21);
        cache.Computations.ShouldBe(1);
        Audited(t.Db, "report.status.read").ShouldBe(2);

        // Gotland submits the template as it is (incomplete): the next read sees it.
        reports.Submit(gotland, reports.Template(gotland, 2025, "09"));
        reports.Letter(gotland, 2025, "09").Status.ShouldBe(RegionReportingStatus.Incomplete);
        cache.Computations.ShouldBe(2);
        // Feedback sent on it: the letters after recording, and the next read, say so.
        reports.RecordFeedbackSent(Analyst, 2025, "09").Single(l => l.RegionCode == "09").Status.ShouldBe(RegionReportingStatus.FeedbackSent);
        reports.Letter(gotland, 2025, "09").Status.ShouldBe(RegionReportingStatus.FeedbackSent);
        cache.Computations.ShouldBe(3);
    }

    [Fact]
    public async Task One_slot_keeps_only_its_latest_version_and_concurrent_callers_share_one_computation()
    {
        var cache = new ResultCache();
        using var release = new ManualResetEventSlim();
        var calls = 0;
        var readers = Enumerable.Range(0, 6).Select(_ => Task.Run(() => cache.GetOrCompute("slot", "v1", () =>
        {
            Interlocked.Increment(ref calls);
            release.Wait(TimeSpan.FromSeconds(10));
            return new object();
        }))).ToList();
        await Task.Delay(200);
        release.Set();
        var results = await Task.WhenAll(readers);
        calls.ShouldBe(1);
        results.Distinct().Count().ShouldBe(1);

        cache.GetOrCompute("slot", "v2", () => "new").ShouldBe("new");
        cache.Count.ShouldBe(1);
        cache.GetOrCompute("slot", "v2", () => "not called").ShouldBe("new");
    }

    [Fact]
    public void The_least_recently_read_slot_is_dropped_and_a_failed_computation_is_not_kept()
    {
        var cache = new ResultCache(capacity: 2);
        cache.GetOrCompute("a", "v", () => "A");
        cache.GetOrCompute("b", "v", () => "B");
        cache.GetOrCompute("a", "v", () => "A again");   // a read more recently than b
        cache.GetOrCompute("c", "v", () => "C");
        cache.Count.ShouldBe(2);
        cache.GetOrCompute("a", "v", () => "A again").ShouldBe("A");
        cache.GetOrCompute("b", "v", () => "B again").ShouldBe("B again");

        Should.Throw<InvalidOperationException>(() => cache.GetOrCompute<string>("d", "v", () => throw new InvalidOperationException("databasen svarar inte")));
        cache.GetOrCompute("d", "v", () => "D").ShouldBe("D");
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
