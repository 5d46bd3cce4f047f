using System.Globalization;
using System.Text;
using Svf.Ingestion;
using Svf.Reconciliation;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Benchmarks;

/// <summary>
/// SKR's figures as one very large file (bench/README.md): N rows (default 2 million, region × SVF × sex × month over many
/// years), generated once (not timed), then imported with <see cref="SkrImporter"/> into an empty SQLite database, measuring
/// wall time and the peak working set. The import streams the file and finds repeats in SQL: memory must not grow with N.
/// </summary>
public static class SkrLargeFile
{
    public static int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = 2_000_000;
        var work = "/tmp/svf-bench";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Length: rows = int.Parse(args[++i].Replace("_", ""), NumberStyles.None, inv); break;
                case "--work" when i + 1 < args.Length: work = args[++i]; break;
                default:
                    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Svf.Benchmarks -- --skr-large-file [--rows N] [--work DIR]");
                    return 2;
            }
        }
        var reference = ReferenceDataSet.Embedded;
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetFullPath(work), "skr-large-file")).FullName;
        var file = Path.Combine(dir, $"skr-{rows}.csv");
        if (!File.Exists(file))
        {
            using var w = new StreamWriter(file + ".part", false, new UTF8Encoding(false), 1 << 16);
            w.Write("region;svf;sex;period;started;completed;treated;within_limit;lead_time_median\n");
            var written = 0;
            // Distinct cells: months from 1900 on, so that no row repeats another however many are asked for.
            for (var month = 0; written < rows; month++)
            {
                foreach (var region in reference.Regions)
                {
                    foreach (var svf in reference.Svfs)
                    {
                        foreach (var sex in new[] { "M", "K", "TOTAL" })
                        {
                            if (written++ == rows)
                            {
                                goto done;
                            }
                            w.Write(string.Create(inv, $"{region.Code};{svf.Code};{sex};{1900 + month / 12}-{month % 12 + 1:00};12;10;10;8;24.5\n"));
                        }
                    }
                }
            }
        done:
            w.Close();
            File.Move(file + ".part", file, overwrite: true);
        }
        Console.WriteLine($"data: one SKR file, {rows:N0} rows, {new FileInfo(file).Length / 1e6:N0} MB (not timed)");
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var dbPath = Path.Combine(dir, "skr.db");
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
        {
            File.Delete(f);
        }
        PhaseResult import;
        ImportFeedback feedback;
        using (var database = SvfDatabase.Open("sqlite:" + dbPath))
        {
            database.Migrate();
            var meter = PhaseMeter.Start("skr-import");
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                feedback = new SkrImporter(database, reference, TimeProvider.System).Import(stream, file, "benchmark");
            }
            import = meter.Stop();
        }
        if (feedback.RowsStored != rows)
        {
            Console.Error.WriteLine(feedback.ToText());
            return 1;
        }
        Console.WriteLine($"| SKR import | {rows:N0} rows | {import.Elapsed.TotalSeconds:0.0} s | peak working set {import.PeakWorkingSet / 1048576.0:0} MB{(import.PeakIsPerPhase ? "" : "*")} | " +
                          $"peak managed heap {import.PeakManagedHeap / 1048576.0:0} MB |");
        return 0;
    }
}
