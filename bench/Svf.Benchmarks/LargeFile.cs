using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Svf.Domain;
using Svf.Generation;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Benchmarks;

/// <summary>
/// The large-single-file scenario (bench/README.md): one region's yearly pathway file with N rows (default 11 million),
/// generated once (not timed), then sent through <see cref="SubmissionService.SubmitPathways"/> into an empty SQLite
/// database, measuring wall time and the peak working set of that one ingest. Ingest memory must not grow with the file.
/// </summary>
public static class LargeFile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var rows = 11_000_000;
        var work = "/tmp/svf-bench";
        var label = "";
        string? results = null;
        string? db = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Length: rows = int.Parse(args[++i].Replace("_", ""), NumberStyles.None, Inv); break;
                case "--work" when i + 1 < args.Length: work = args[++i]; break;
                case "--label" when i + 1 < args.Length: label = args[++i].Replace(',', ' '); break;
                case "--results" when i + 1 < args.Length: results = args[++i]; break;
                case "--db" when i + 1 < args.Length: db = args[++i]; break;
                default:
                    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Svf.Benchmarks -- --large-file [--rows N] [--work DIR] [--db sqlite:PATH] [--label TEXT] [--results FILE]");
                    return 2;
            }
        }

        var reference = ReferenceDataSet.Embedded;
        var dir = Path.Combine(Path.GetFullPath(work), "large-file");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"pathways-01-2025-{rows}.csv");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        if (!File.Exists(file))
        {
            var partial = file + ".part";
            var generator = new SyntheticDataGenerator(reference, new GeneratorSettings { Year = 2025, Seed = 20251 });
            generator.WritePathways("01", rows, partial, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1));
            File.Move(partial, file, overwrite: true);
        }
        Console.WriteLine($"data: one file, {rows:N0} rows, {new FileInfo(file).Length / 1e6:N0} MB ({sw.Elapsed.TotalSeconds:0.0} s, not timed)");
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        var dbPath = db is not null && db.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? db["sqlite:".Length..] : Path.Combine(dir, "large-file.db");
        Delete(dbPath);
        var pseudonymizer = new Pseudonymizer(SHA256.HashData(Encoding.UTF8.GetBytes("svf-benchmark-not-a-secret")));
        PhaseResult ingest;
        FeedbackReport report;
        using (var database = SvfDatabase.Open("sqlite:" + dbPath))
        {
            database.Migrate();
            var service = new SubmissionService(database, reference, pseudonymizer, TimeProvider.System);
            var meter = PhaseMeter.Start("ingest-one-file");
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                report = service.SubmitPathways(stream, file, "01", ReportingPeriod.Parse("2025"), "benchmark");
            }
            ingest = meter.Stop();
        }
        Delete(dbPath);
        if (report.Status == SubmissionStatus.Rejected || report.RowsStored != rows)
        {
            Console.Error.WriteLine(report.ToText());
            throw new InvalidOperationException($"Expected {rows} rows stored, got {report.RowsStored} ({report.Status}).");
        }

        var mb = (long b) => (b / 1048576.0).ToString("0", Inv);
        Console.WriteLine();
        Console.WriteLine("| scenario | rows | seconds | rows/s | CPU s | peak working set MB | peak managed heap MB | allocated MB | GCs (0/1/2) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        Console.WriteLine($"| one file | {rows:N0} | {ingest.Elapsed.TotalSeconds:0.0} | {rows / ingest.Elapsed.TotalSeconds:N0} | {ingest.Cpu.TotalSeconds:0.0} | " +
                          $"{mb(ingest.PeakWorkingSet)}{(ingest.PeakIsPerPhase ? "" : "*")} | {mb(ingest.PeakManagedHeap)} | {mb(ingest.AllocatedBytes)} | {ingest.Gen0}/{ingest.Gen1}/{ingest.Gen2} |");

        var resultsFile = results ?? Path.Combine(Path.GetDirectoryName(EndToEndResults())!, "large-file.csv");
        var exists = File.Exists(resultsFile);
        using (var w = new StreamWriter(resultsFile, append: true, new UTF8Encoding(false)))
        {
            if (!exists)
            {
                w.WriteLine("utc,label,db,cores,rows,ingest_s,rows_per_s,cpu_s,peak_ws_mb,peak_heap_mb,alloc_mb");
            }
            w.WriteLine(string.Join(",", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", Inv), label, "sqlite", Environment.ProcessorCount.ToString(Inv),
                rows.ToString(Inv), ingest.Elapsed.TotalSeconds.ToString("0.0", Inv), (rows / ingest.Elapsed.TotalSeconds).ToString("0", Inv),
                ingest.Cpu.TotalSeconds.ToString("0.0", Inv), mb(ingest.PeakWorkingSet), mb(ingest.PeakManagedHeap), mb(ingest.AllocatedBytes)));
        }
        Console.WriteLine($"appended to {resultsFile}");
        return 0;
    }

    private static string EndToEndResults()
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

    private static void Delete(string path)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }
    }
}
