using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Svf.Domain;
using Svf.Generation;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Benchmarks;

/// <summary>
/// The documented end-to-end harness (bench/README.md): generate N pathways (not timed), then time
/// (1) ingest + validate + pseudonymise + store of every region's files through <see cref="SubmissionService"/> and
/// (2) all indicators: read from the database, pass 1 once, pass 2 for each of the four period kinds.
/// </summary>
public static class EndToEnd
{
    private const int NationalYear = 150_000;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record Options(int Pathways, int Years, int LastYear, string Db, string WorkDir, bool Regenerate, bool Warmup,
        string ResultsFile, bool KeepDb, string Label, bool GenerateOnly);

    public static int Run(string[] args)
    {
        Options o;
        try
        {
            o = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var reference = ReferenceDataSet.Embedded;
        // A fixed key that exists only for the benchmark (synthetic data): HMAC cost is the same for any 32-byte key.
        using var pseudonymizer = new Pseudonymizer(SHA256.HashData(Encoding.UTF8.GetBytes("svf-benchmark-not-a-secret")));
        var perYear = o.Pathways / o.Years;
        var firstYear = o.LastYear - o.Years + 1;
        Console.WriteLine($"SVF benchmark: {o.Pathways:N0} pathways = {o.Years} year(s) {firstYear}-{o.LastYear} × {perYear:N0}/year, 21 regions; " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformation.OSDescription}");

        // 0. Data (not timed). Cached between runs in the work directory.
        var sw = Stopwatch.StartNew();
        var files = Generate(reference, o, perYear, firstYear);
        var bytes = files.Sum(f => new FileInfo(f.PathwayFile).Length + new FileInfo(f.NewCasesFile).Length);
        Console.WriteLine($"data: {files.Count} pathway files + {files.Count} new-cases files, {files.Sum(f => f.Pathways):N0} rows, " +
                          $"{bytes / 1e6:N0} MB ({sw.Elapsed.TotalSeconds:0.0} s, not timed)");
        if (o.GenerateOnly)
        {
            return 0;
        }

        if (o.Warmup)
        {
            WarmUp(reference, pseudonymizer, files[0], o);
        }

        var (db, describe) = OpenFresh(o);
        using (db)
        {
            db.Migrate();
            var service = new SubmissionService(db, reference, pseudonymizer, TimeProvider.System);

            // 1. Ingest + validate + pseudonymise + store.
            var meter = PhaseMeter.Start("ingest");
            long stored = 0, read = 0, warnings = 0;
            foreach (var f in files)
            {
                var period = new ReportingPeriod(PeriodKind.Year, f.Year, 1);
                var report = Submit(service, f.PathwayFile, f.RegionCode, period, SubmissionKind.Pathways);
                read += report.RowsRead;
                stored += report.RowsStored;
                warnings += report.WarningCount;
                Submit(service, f.NewCasesFile, f.RegionCode, period, SubmissionKind.NewCases);
            }
            var ingest = meter.Stop();
            if (stored != files.Sum(f => (long)f.Pathways))
            {
                throw new InvalidOperationException($"Stored {stored} rows but generated {files.Sum(f => f.Pathways)}.");
            }
            Console.WriteLine($"ingest: {read:N0} rows read, {stored:N0} stored, {warnings:N0} warnings, {2 * files.Count} submissions accepted");

            // 2. All indicators: one read + pass 1, then pass 2 for month, quarter, half-year and year.
            meter = PhaseMeter.Start("indicators");
            var engine = new IndicatorEngine(reference, new IndicatorOptions());
            long facts = 0;
            var cells = engine.Aggregate(Counting(IndicatorSource.Pathways(db), () => facts++), IndicatorSource.NewCases(db));
            var readAndAggregate = meter.Elapsed;
            var tableRows = 0;
            var perKind = new List<string>();
            foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.Year })
            {
                var t = meter.Elapsed;
                var rows = engine.Compute(cells, new IndicatorQuery(kind));
                tableRows += rows.Count;
                perKind.Add($"{kind.ToString().ToLowerInvariant()} {rows.Count:N0} rows {(meter.Elapsed - t).TotalSeconds:0.00} s");
            }
            var indicators = meter.Stop();
            if (facts != stored)
            {
                throw new InvalidOperationException($"Indicator source read {facts} pathways, {stored} were stored.");
            }
            Console.WriteLine($"indicators: read + pass 1 {readAndAggregate.TotalSeconds:0.00} s; pass 2: {string.Join("; ", perKind)}");

            Report(o, describe, stored, ingest, indicators, tableRows);
        }
        if (!o.KeepDb && o.Db.StartsWith("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            DeleteSqlite(SqlitePath(o));
        }
        return 0;
    }

    private sealed record DataFile(int Year, string RegionCode, string PathwayFile, string NewCasesFile, int Pathways);

    /// <summary>
    /// One pathway file and one new-cases file per region and year, with the generator's national volume per year. The
    /// generator's extra file for the previous year's last quarter is not sent: in a run of several years that quarter is
    /// already inside the previous year's submission (and one year's data is the 150 000 pathways started that year).
    /// </summary>
    private static List<DataFile> Generate(ReferenceDataSet reference, Options o, int perYear, int firstYear)
    {
        var root = Path.Combine(o.WorkDir, "data", $"{perYear}-per-year");
        var years = Enumerable.Range(firstYear, o.Years).ToArray();
        var result = new DataFile[years.Length][];
        // Years are independent: generate two at a time. The generator is deterministic per (seed, year, region).
        Parallel.For(0, years.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var year = years[i];
            var dir = Path.Combine(root, year.ToString(Inv));
            var manifest = Path.Combine(dir, "manifest.txt");
            if (!o.Regenerate && File.Exists(manifest))
            {
                result[i] = File.ReadAllLines(manifest).Select(l => l.Split(';'))
                    .Select(p => new DataFile(year, p[0], Path.Combine(dir, p[1]), Path.Combine(dir, p[2]), int.Parse(p[3], Inv))).ToArray();
                return;
            }
            var settings = new GeneratorSettings { Year = year, PathwaysPerYear = perYear, Seed = 20251 + year };
            var written = new SyntheticDataGenerator(reference, settings).WriteAll(dir);
            result[i] = written.Select(w => new DataFile(year, w.RegionCode, w.PathwayFile, w.NewCasesFile, w.Pathways)).ToArray();
            File.WriteAllLines(manifest, written.Select(w =>
                $"{w.RegionCode};{Path.GetFileName(w.PathwayFile)};{Path.GetFileName(w.NewCasesFile)};{w.Pathways.ToString(Inv)}"));
        });
        return result.SelectMany(r => r).ToList();
    }

    private static FeedbackReport Submit(SubmissionService service, string path, string region, ReportingPeriod period, string kind)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var report = kind == SubmissionKind.Pathways
            ? service.SubmitPathways(stream, path, region, period, "benchmark")
            : service.SubmitNewCases(stream, path, region, period, "benchmark");
        if (report.Status == SubmissionStatus.Rejected || report.Unchanged)
        {
            throw new InvalidOperationException($"{Path.GetFileName(path)} was not stored as a new version:\n{report.ToText()}");
        }
        return report;
    }

    /// <summary>Optional: run the code paths once on a throw-away database so the timed run excludes JIT compilation.</summary>
    private static void WarmUp(ReferenceDataSet reference, Pseudonymizer pseudonymizer, DataFile file, Options o)
    {
        var sw = Stopwatch.StartNew();
        var path = Path.Combine(o.WorkDir, "warmup.db");
        DeleteSqlite(path);
        using (var db = SvfDatabase.Open("sqlite:" + path))
        {
            db.Migrate();
            var service = new SubmissionService(db, reference, pseudonymizer, TimeProvider.System);
            var period = new ReportingPeriod(PeriodKind.Year, file.Year, 1);
            Submit(service, file.PathwayFile, file.RegionCode, period, SubmissionKind.Pathways);
            Submit(service, file.NewCasesFile, file.RegionCode, period, SubmissionKind.NewCases);
            var engine = new IndicatorEngine(reference, new IndicatorOptions());
            var cells = engine.Aggregate(IndicatorSource.Pathways(db), IndicatorSource.NewCases(db));
            foreach (var kind in new[] { PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.Year })
            {
                engine.Compute(cells, new IndicatorQuery(kind));
            }
        }
        DeleteSqlite(path);
        Console.WriteLine($"warm-up: one region-year ingested and computed on a throw-away database ({sw.Elapsed.TotalSeconds:0.0} s, not timed)");
    }

    private static (SvfDatabase Db, string Describe) OpenFresh(Options o)
    {
        if (o.Db.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase))
        {
            // A database of its own, dropped and created for each run: the benchmark never touches other data.
            var admin = new NpgsqlConnectionStringBuilder(o.Db["postgres:".Length..]);
            const string name = "svf_bench";
            using (var c = new NpgsqlConnection(admin.ConnectionString))
            {
                c.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
                drop.ExecuteNonQuery();
                using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
                create.ExecuteNonQuery();
            }
            admin.Database = name;
            return (SvfDatabase.Open("postgres:" + admin.ConnectionString), $"postgres ({admin.Host}:{admin.Port}/{name})");
        }
        var path = SqlitePath(o);
        DeleteSqlite(path);
        return (SvfDatabase.Open("sqlite:" + path), "sqlite");
    }

    private static string SqlitePath(Options o) =>
        o.Db.Length > "sqlite:".Length && o.Db.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)
            ? o.Db["sqlite:".Length..]
            : Path.Combine(o.WorkDir, $"bench-{o.Pathways}.db");

    private static void DeleteSqlite(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }
    }

    private static IEnumerable<T> Counting<T>(IEnumerable<T> source, Action onEach)
    {
        foreach (var x in source)
        {
            onEach();
            yield return x;
        }
    }

    private static void Report(Options o, string db, long rows, PhaseResult ingest, PhaseResult indicators, int tableRows)
    {
        var total = ingest.Elapsed + indicators.Elapsed;
        var target = o.Pathways <= NationalYear ? 5.0 : o.Pathways <= 10 * NationalYear ? 30.0 : (double?)null;
        var verdict = target is { } t ? (total.TotalSeconds < t ? $"MET (< {t:0} s)" : $"MISSED (>= {t:0} s)") : "no target";

        Console.WriteLine();
        Console.WriteLine($"| phase | pathways | seconds | rows/s | CPU s | peak working set MB | peak managed heap MB | allocated MB | GCs (0/1/2) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var p in new[] { ingest, indicators })
        {
            Console.WriteLine($"| {p.Name} | {rows:N0} | {p.Elapsed.TotalSeconds:0.00} | {rows / p.Elapsed.TotalSeconds:N0} | {p.Cpu.TotalSeconds:0.00} | " +
                              $"{Mb(p.PeakWorkingSet)}{(p.PeakIsPerPhase ? "" : "*")} | {Mb(p.PeakManagedHeap)} | {Mb(p.AllocatedBytes)} | {p.Gen0}/{p.Gen1}/{p.Gen2} |");
        }
        Console.WriteLine($"| total | {rows:N0} | {total.TotalSeconds:0.00} | {rows / total.TotalSeconds:N0} | {(ingest.Cpu + indicators.Cpu).TotalSeconds:0.00} | | | | |");
        Console.WriteLine($"indicator rows produced: {tableRows:N0}; target: {verdict}");
        if (!ingest.PeakIsPerPhase)
        {
            Console.WriteLine("* peak working set could not be reset per phase: it is the process peak so far.");
        }

        var file = o.ResultsFile;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var header = "utc,label,db,cores,pathways,years,ingest_s,ingest_rows_per_s,ingest_cpu_s,ingest_peak_ws_mb,ingest_peak_heap_mb,ingest_alloc_mb," +
                     "indicators_s,indicators_rows_per_s,indicators_cpu_s,indicators_peak_ws_mb,indicators_peak_heap_mb,indicators_alloc_mb,indicator_rows,total_s,target_s,target_met,warmup";
        var line = string.Join(",",
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv), o.Label, db.Split(' ')[0], Environment.ProcessorCount.ToString(Inv),
            rows.ToString(Inv), o.Years.ToString(Inv),
            F(ingest.Elapsed.TotalSeconds), F0(rows / ingest.Elapsed.TotalSeconds), F(ingest.Cpu.TotalSeconds), Mb(ingest.PeakWorkingSet), Mb(ingest.PeakManagedHeap), Mb(ingest.AllocatedBytes),
            F(indicators.Elapsed.TotalSeconds), F0(rows / indicators.Elapsed.TotalSeconds), F(indicators.Cpu.TotalSeconds), Mb(indicators.PeakWorkingSet), Mb(indicators.PeakManagedHeap),
            Mb(indicators.AllocatedBytes), tableRows.ToString(Inv), F(total.TotalSeconds), target is null ? "" : F0(target.Value),
            target is null ? "" : (total.TotalSeconds < target ? "yes" : "no"), o.Warmup ? "yes" : "no");
        var exists = File.Exists(file);
        using (var w = new StreamWriter(file, append: true, new UTF8Encoding(false)))
        {
            if (!exists)
            {
                w.WriteLine(header);
            }
            w.WriteLine(line);
        }
        Console.WriteLine($"appended to {file}");

        static string F(double v) => v.ToString("0.00", Inv);
        static string F0(double v) => v.ToString("0", Inv);
        static string Mb(long b) => (b / 1048576.0).ToString("0", Inv);
    }

    private const string Usage = """
        usage: dotnet run -c Release --project bench/Svf.Benchmarks -- [options]
          --pathways N        total pathways (default 150000 = one national year)
          --years N           spread over N years ending --last-year (default: N = pathways / 150000, between 1 and 10)
          --last-year Y       last year generated (default 2025)
          --db sqlite[:PATH] | postgres:CONNECTION   (default sqlite in the work directory; postgres uses a database svf_bench, dropped and re-created)
          --work DIR          data and database directory (default /tmp/svf-bench); generated files are reused between runs
          --regenerate        generate the data again even if present
          --generate-only     only generate (or check) the data, measure nothing
          --warmup            ingest and compute one region-year on a throw-away database first (excludes JIT from the timing)
          --keep-db           keep the SQLite file after the run
          --results FILE      CSV to append the figures to (default bench/results/results.csv)
          --label TEXT        free text stored with the result row
          --library-writers   store pathways through the libraries' own insert paths (SqliteCommand; Npgsql's
                              NpgsqlBinaryImporter) instead of the hand-written writers, for docs/adr/0009 (label gets "library-writers")
        """;

    private static Options Parse(string[] args)
    {
        int pathways = NationalYear, lastYear = 2025;
        int? years = null;
        string db = "sqlite", work = "/tmp/svf-bench", label = "";
        string? results = null;
        bool regenerate = false, warmup = false, keep = false, generateOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.TryParse(Next().Replace("_", ""), NumberStyles.None, Inv, out var v) && v > 0 ? v : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");
            switch (args[i])
            {
                case "--pathways": pathways = NextInt(); break;
                case "--years": years = NextInt(); break;
                case "--last-year": lastYear = NextInt(); break;
                case "--db": db = Next(); break;
                case "--work": work = Next(); break;
                case "--results": results = Next(); break;
                case "--label": label = Next().Replace(',', ' '); break;
                case "--regenerate": regenerate = true; break;
                case "--warmup": warmup = true; break;
                case "--keep-db": keep = true; break;
                case "--generate-only": generateOnly = true; break;
                case "--library-writers":
                    AppContext.SetSwitch(Svf.Storage.PathwayBulkWriter.LibraryWritersSwitch, true);
                    label = (label + " library-writers").Trim();
                    break;
                case "-h" or "--help": throw new ArgumentException("SVF end-to-end benchmark.");
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        var y = years ?? Math.Clamp((int)Math.Round(pathways / (double)NationalYear), 1, 10);
        if (lastYear - y + 1 < 2015)
        {
            throw new ArgumentException("The first year must be 2015 or later (validation rejects dates before the first SVF).");
        }
        return new Options(pathways, y, lastYear, db, Path.GetFullPath(work), regenerate, warmup, results ?? DefaultResults(), keep, label, generateOnly);
    }

    private static string DefaultResults()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Svf.slnx")))
            {
                return Path.Combine(d.FullName, "bench", "results", "results.csv");
            }
        }
        return Path.GetFullPath(Path.Combine("bench", "results", "results.csv"));
    }
}
