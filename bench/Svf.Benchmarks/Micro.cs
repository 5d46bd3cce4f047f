using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Svf.Domain;
using Svf.Generation;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;

namespace Svf.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the two CPU-bound cores, without the database: row validation (with
/// pseudonymisation) and the indicator engine. In-process toolchain and a short job, so a run takes seconds.
/// <c>dotnet run -c Release --project bench/Svf.Benchmarks -- --micro --filter '*'</c>
/// </summary>
public static class Micro
{
    public static int Run(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "svf-bench-bdn"));
        BenchmarkSwitcher.FromTypes([typeof(ValidatorBenchmark), typeof(EngineBenchmark)]).Run(args, config);
        return 0;
    }

    internal static Pseudonymizer Key() => new(SHA256.HashData(Encoding.UTF8.GetBytes("svf-benchmark-not-a-secret")));

    /// <summary>One region-year file (Stockholm-sized share of a national year) read into raw rows once.</summary>
    internal static List<RawPathwayRow> RawRows(int pathways, out string region)
    {
        var dir = Path.Combine(Path.GetTempPath(), "svf-bench-micro");
        Directory.CreateDirectory(dir);
        region = "01";
        var path = Path.Combine(dir, $"pathways-{region}-{pathways}.csv");
        new SyntheticDataGenerator(ReferenceDataSet.Embedded, new GeneratorSettings { Year = 2025 }).WritePathways(region, pathways, path, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1));
        using var stream = File.OpenRead(path);
        using var csv = new CsvSource(stream);
        var rows = new List<RawPathwayRow>(pathways);
        while (csv.Read())
        {
            rows.Add(new RawPathwayRow(csv.Line,
                csv.Get(SubmissionColumns.Region), csv.Get(SubmissionColumns.PersonalId), csv.Get(SubmissionColumns.Sex),
                csv.Get(SubmissionColumns.BirthYear), csv.Get(SubmissionColumns.Svf), csv.Get(SubmissionColumns.SuspicionDate),
                csv.Get(SubmissionColumns.FirstVisitDate), csv.Get(SubmissionColumns.TreatmentDecisionDate),
                csv.Get(SubmissionColumns.TreatmentStartDate), csv.Get(SubmissionColumns.TreatmentType), csv.Get(SubmissionColumns.EndDate),
                csv.Get(SubmissionColumns.Outcome), csv.Get(SubmissionColumns.Icd10)));
        }
        return rows;
    }
}

[MemoryDiagnoser]
public class ValidatorBenchmark
{
    private const int Rows = 20_000;
    private List<RawPathwayRow> _rows = [];
    private string _region = "";
    private Pseudonymizer _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rows = Micro.RawRows(Rows, out _region);
        _key = Micro.Key();
    }

    /// <summary>Validate + pseudonymise 20 000 rows; reported per row.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int ValidateRow()
    {
        var issues = new IssueCollector();
        var v = new PathwayValidator(ReferenceDataSet.Embedded, _key, _region, new ReportingPeriod(PeriodKind.Year, 2025, 1), new DateOnly(2026, 12, 1), issues);
        var ok = 0;
        foreach (var r in _rows)
        {
            if (v.Validate(r) is not null)
            {
                ok++;
            }
        }
        return ok;
    }
}

[MemoryDiagnoser]
public class EngineBenchmark
{
    private const int Facts = 150_000;
    private PathwayFact[] _facts = [];
    private List<NewCasesFact> _newCases = [];
    private IndicatorEngine _engine = null!;
    private MonthlyCells _cells = null!;

    [GlobalSetup]
    public void Setup()
    {
        var reference = ReferenceDataSet.Embedded;
        var dir = Path.Combine(Path.GetTempPath(), "svf-bench-micro", "engine");
        var files = new SyntheticDataGenerator(reference, new GeneratorSettings { Year = 2025, PathwaysPerYear = Facts }).WriteAll(dir);
        var facts = new List<PathwayFact>(Facts);
        var key = Micro.Key();
        foreach (var f in files)
        {
            using var stream = File.OpenRead(f.PathwayFile);
            using var csv = new CsvSource(stream);
            var v = new PathwayValidator(reference, key, f.RegionCode, new ReportingPeriod(PeriodKind.Year, 2025, 1), new DateOnly(2026, 12, 1), new IssueCollector());
            while (csv.Read())
            {
                var r = v.Validate(new RawPathwayRow(csv.Line,
                    csv.Get(SubmissionColumns.Region), csv.Get(SubmissionColumns.PersonalId), csv.Get(SubmissionColumns.Sex),
                    csv.Get(SubmissionColumns.BirthYear), csv.Get(SubmissionColumns.Svf), csv.Get(SubmissionColumns.SuspicionDate),
                    csv.Get(SubmissionColumns.FirstVisitDate), csv.Get(SubmissionColumns.TreatmentDecisionDate),
                    csv.Get(SubmissionColumns.TreatmentStartDate), csv.Get(SubmissionColumns.TreatmentType), csv.Get(SubmissionColumns.EndDate),
                    csv.Get(SubmissionColumns.Outcome), csv.Get(SubmissionColumns.Icd10)));
                if (r is not null)
                {
                    facts.Add(new PathwayFact(string.Intern(r.RegionCode), string.Intern(r.SvfCode), r.Sex, r.SuspicionDate, r.TreatmentStartDate,
                        r.TreatmentType is null ? null : string.Intern(r.TreatmentType), r.EndDate, r.Outcome));
                }
            }
            foreach (var svf in reference.Svfs.Where(s => s.HasIcdList))
            {
                _newCases.Add(new NewCasesFact(f.RegionCode, svf.Code, new ReportingPeriod(PeriodKind.Year, 2025, 1), null, 100));
            }
        }
        _facts = facts.ToArray();
        _engine = new IndicatorEngine(reference, new IndicatorOptions());
        _cells = _engine.Aggregate(_facts, _newCases);
    }

    /// <summary>Pass 1 over one national year (150 000 pathways in memory).</summary>
    [Benchmark]
    public MonthlyCells Aggregate() => _engine.Aggregate(_facts, _newCases);

    /// <summary>Pass 2 for all four period kinds from the same monthly cells.</summary>
    [Benchmark]
    public int ComputeAllKinds()
    {
        var n = 0;
        foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.Year })
        {
            n += _engine.Compute(_cells, new IndicatorQuery(kind)).Count;
        }
        return n;
    }
}
