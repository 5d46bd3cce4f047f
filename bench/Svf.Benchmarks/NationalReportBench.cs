using System.Diagnostics;
using System.Globalization;
using Svf.Indicators;
using Svf.NationalReport;
using Svf.ReferenceData;
using Svf.Reporting;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Benchmarks;

/// <summary>
/// The national report for one year (bench/README.md, "National report"): the whole use case as the CLI runs it
/// (<see cref="NationalReportService.CreateAsync"/>: stored data to PDF and workbook written, Chromium's start included),
/// wall clock, CPU of the process and of its exited children (Chromium, the Playwright driver); with --phases split into
/// figures from the database, composition, charts, HTML, workbook and the two-pass PDF. Runs on a database the demo made
/// (default .svf-demo/svf.db: one national year, 150 000 pathways, the regions' reports), several times in one process.
/// </summary>
public static class NationalReportBench
{
    /// <summary>CPU seconds of the process's waited-for children (cutime + cstime in /proc/self/stat); 0 where there is no /proc.</summary>
    private static double ChildCpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static int Run(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var dbSetting = Arg("--db", "sqlite:.svf-demo/svf.db");
        var year = int.Parse(Arg("--year", "2025"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Arg("--runs", "3"), CultureInfo.InvariantCulture);
        var outDir = Arg("--out", Path.Combine(Path.GetTempPath(), "svf-bench-report"));
        var results = Arg("--results", Path.Combine("bench", "results", "national-report.csv"));
        var phases = args.Contains("--phases");
        using var db = SvfDatabase.Open(dbSetting);
        db.Migrate();
        var reference = ReferenceDataSet.Embedded;
        var rules = AgreementRulesCatalog.Load(reference).ForYear(year);
        var options = new IndicatorOptions();
        Console.WriteLine($"National report {year} from {db.Description}, {runs} runs in one process (the first includes JIT and Chromium's cold start); load average {LoadAverage()}.");
        Console.WriteLine("run;phase;wall_s;cpu_s;child_cpu_s (Chromium and the Playwright driver, once they have exited)");
        for (var run = 1; run <= runs; run++)
        {
            var request = new NationalReportRequest(year, NationalReportKind.Interim, rules);
            if (phases)
            {
                Phases(db, reference, options, request, outDir, run);
                continue;
            }
            // The use case as the CLI runs it: figures from the database, content, charts, HTML, workbook, the two-pass PDF.
            var load = LoadAverage();
            var (wall, cpu, children, output) = Measure(() => new NationalReportService(db, reference, options, TimeProvider.System)
                .CreateAsync(request, outDir, "bench").GetAwaiter().GetResult());
            if (output.PdfProblem is not null)
            {
                Console.WriteLine($"{run};pdf-problem;{output.PdfProblem}");
            }
            var pages = output.PdfPath is null ? 0 : UglyToad.PdfPig.PdfDocument.Open(output.PdfPath).NumberOfPages;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run};national-report (total);{wall:0.00};{cpu:0.00};{children:0.00};{pages} pages"));
            Append(results, string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ};{year};{run};{wall:0.00};{cpu:0.00};{children:0.00};{pages};{load};{Environment.ProcessorCount}"));
        }
        return 0;
    }

    private static (double Wall, double Cpu, double ChildCpu, T Result) Measure<T>(Func<T> f)
    {
        var sw = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var children = ChildCpuSeconds();
        var result = f();
        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, ChildCpuSeconds() - children, result);
    }

    /// <summary>The same work split into its phases, to see where the time goes.</summary>
    private static void Phases(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options, NationalReportRequest request, string outDir, int run)
    {
        var total = Stopwatch.StartNew();
        var cpuTotal = Process.GetCurrentProcess().TotalProcessorTime;
        var childTotal = ChildCpuSeconds();
        T Phase<T>(string name, Func<T> f)
        {
            var (wall, cpu, children, result) = Measure(f);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run};{name};{wall:0.00};{cpu:0.00};{children:0.00}"));
            return result;
        }
        var data = Phase("figures", () => new NationalReportBuilder(db, reference, options, TimeProvider.System).Collect(request, "bench"));
        var doc = Phase("compose", () => NationalReportComposer.Compose(data, reference, options, DateOnly.FromDateTime(DateTime.UtcNow)));
        var charts = Phase("charts", () => doc.Charts().ToDictionary(c => c.Id, ChartRenderer.Svg));
        Directory.CreateDirectory(outDir);
        var html = Path.Combine(outDir, doc.FileStem + ".html");
        Phase("html", () => HtmlRenderer.Render(doc, c => charts[c.Id]).Length);
        Phase("workbook", () => { WorkbookWriter.Write(doc, Path.Combine(outDir, doc.FileStem + ".xlsx")); return 0; });
        var pdf = Phase("pdf (two prints)", () => PdfRenderer.RenderWithContentsAsync(pages => HtmlRenderer.Render(doc, c => charts[c.Id], pages), HtmlRenderer.ContentsEntries(doc),
            html, Path.Combine(outDir, doc.FileStem + ".pdf"), doc.Title).GetAwaiter().GetResult());
        if (pdf.Problem is not null)
        {
            Console.WriteLine($"{run};pdf-problem;{pdf.Problem}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run};total;{total.Elapsed.TotalSeconds:0.00};{(Process.GetCurrentProcess().TotalProcessorTime - cpuTotal).TotalSeconds:0.00};{ChildCpuSeconds() - childTotal:0.00}"));
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void Append(string path, string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, "utc;year;run;wall_s;cpu_s;child_cpu_s;pdf_pages;load_average_1_5_15;processors\n");
        }
        File.AppendAllText(path, line + "\n");
    }
}
