using Svf.Assessment;
using Svf.Domain;
using Svf.Generation;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.NationalReport;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Reporting.Tests;

/// <summary>One generated database and report for all the report tests (building it takes a few seconds).</summary>
[CollectionDefinition("report")]
public sealed class ReportCollection : ICollectionFixture<ReportFixture>;

internal sealed class Clock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// A generated national year 2025 (small: 21 000 pathways) sent through ingestion into SQLite, the regions' yearly reports
/// (Gävleborg misses inclusion by generation, Halland late, Västerbotten without PREM, Stockholm's improvement text
/// looks like a spreadsheet formula), and the report built once from it.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public const string FormulaText = "=HYPERLINK(\"http://example.invalid\";\"klicka\") <script>alert(1)</script> och utökade MDK-tider";

    public static readonly ReferenceDataSet Reference = ReferenceDataSet.Embedded;
    public static readonly AgreementRules Rules = AgreementRulesCatalog.Load(Reference).ForYear(2025);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"svf-report-test-{Guid.NewGuid():N}");

    public ReportFixture()
    {
        Directory.CreateDirectory(_dir);
        Db = SvfDatabase.Open("sqlite:" + Path.Combine(_dir, "svf.db"));
        Db.Migrate();
        var files = new SyntheticDataGenerator(Reference, new GeneratorSettings { Year = 2025, PathwaysPerYear = 21_000 }).WriteAll(Path.Combine(_dir, "incoming"));
        var service = new SubmissionService(Db, Reference, Pseudonymizer.FromBase64(Pseudonymizer.NewKeyBase64()), new Clock(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero)));
        var year = ReportingPeriod.Parse("2025");
        foreach (var f in files)
        {
            using (var s = File.OpenRead(f.PreviousQuarterFile))
            {
                service.SubmitPathways(s, Path.GetFileName(f.PreviousQuarterFile), f.RegionCode, ReportingPeriod.Parse("2024-Q4"), "test").ErrorCount.ShouldBe(0);
            }
            using (var s = File.OpenRead(f.PathwayFile))
            {
                var feedback = service.SubmitPathways(s, Path.GetFileName(f.PathwayFile), f.RegionCode, year, "test");
                feedback.ErrorCount.ShouldBe(0, feedback.ToText());
            }
            using (var s = File.OpenRead(f.NewCasesFile))
            {
                service.SubmitNewCases(s, Path.GetFileName(f.NewCasesFile), f.RegionCode, year, "test").ErrorCount.ShouldBe(0);
            }
        }
        var computed = new PaymentAssessor(Db, Reference, new IndicatorOptions()).Assess(Rules).ComputedInclusion;
        var period = ReportPrefill.MeasurementPeriod(Rules);
        var rows = new IndicatorEngine(Reference, new IndicatorOptions()).Compute(IndicatorSource.Pathways(Db), IndicatorSource.NewCases(Db), new IndicatorQuery(period.Kind, period));
        foreach (var region in Reference.Regions)
        {
            var report = SyntheticReports.Complete(ReportPrefill.Create(Rules, Reference, region.Code, rows), Rules, computed.GetValueOrDefault(region.Code), premInUse: region.Code != "24");
            if (region.Code == "01")
            {
                // A region's free text that looks like a formula and like markup: it must stay text everywhere.
                report = report with { Obstacles = [report.Obstacles[0] with { Description = FormulaText }, .. report.Obstacles.Skip(1)] };
            }
            if (region.Code == "13")
            {
                report = report with { Texts = new Dictionary<string, string>(report.Texts) { ["improvement_work"] = FormulaText } };
            }
            var at = region.Code == "13" ? new DateTimeOffset(2025, 10, 3, 9, 0, 0, TimeSpan.Zero) : new DateTimeOffset(2025, 9, 20, 9, 0, 0, TimeSpan.Zero);
            RegionReportStore.Save(Db, report, submit: true, $"samordnare-{region.Code}", new Clock(at));
        }
        OutDir = Path.Combine(_dir, "report");
        Output = new NationalReportService(Db, Reference, new IndicatorOptions(), new Clock(new DateTimeOffset(2025, 11, 10, 9, 0, 0, TimeSpan.Zero)))
            .CreateAsync(new NationalReportRequest(2025, NationalReportKind.Interim, Rules), OutDir, "analytiker").GetAwaiter().GetResult();
    }

    public SvfDatabase Db { get; }

    public string OutDir { get; }

    public NationalReportOutput Output { get; }

    /// <summary>A copy of the database, for a test that changes stored data.</summary>
    public SvfDatabase CopyDatabase(string name)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var source = Path.Combine(_dir, "svf.db");
        var target = Path.Combine(TempDir(name), "svf.db");
        foreach (var suffix in new[] { "", "-wal" })
        {
            if (File.Exists(source + suffix))
            {
                File.Copy(source + suffix, target + suffix, overwrite: true);
            }
        }
        return SvfDatabase.Open("sqlite:" + target);
    }

    public string TempDir(string name)
    {
        var d = Path.Combine(_dir, name);
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>The indicator table for 2025 as the engine computes it, for publication (what the report must show).</summary>
    public IReadOnlyList<IndicatorRow> Indicators(bool publication = true) =>
        new IndicatorEngine(Reference, new IndicatorOptions()).Compute(IndicatorSource.Pathways(Db), IndicatorSource.NewCases(Db),
            new IndicatorQuery(PeriodKind.Year, ReportingPeriod.Parse("2025"), publication));

    public AssessmentResult Assessment() => new PaymentAssessor(Db, Reference, new IndicatorOptions()).Assess(Rules);

    public void Dispose()
    {
        Db.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A test run on a busy machine may still hold a file; the folder is in the temp directory.
        }
    }
}
