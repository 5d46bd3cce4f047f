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
/// The national report for one year, phase by phase (bench/README.md, "National report"): figures from the database,
/// composition, charts, HTML, workbook, PDF through Chromium. Runs on a database the demo made (default
/// .svf-demo/svf.db: one national year, 150 000 pathways, the regions' reports), several times in one process.
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
        using var db = SvfDatabase.Open(dbSetting);
        db.Migrate();
        var reference = ReferenceDataSet.Embedded;
        var rules = AgreementRulesCatalog.Load(reference).ForYear(year);
        var options = new IndicatorOptions();
        Console.WriteLine($"National report {year} from {db.Description}, {runs} runs in one process (the first includes JIT and Chromium's cold start).");
        Console.WriteLine("run;phase;wall_s;cpu_s;child_cpu_s (Chromium and the Playwright driver, once they have exited)");
        for (var run = 1; run <= runs; run++)
        {
            var total = Stopwatch.StartNew();
            var cpuTotal = Process.GetCurrentProcess().TotalProcessorTime;
            T Phase<T>(string name, Func<T> f)
            {
                var sw = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var children = ChildCpuSeconds();
                var result = f();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{run};{name};{sw.Elapsed.TotalSeconds:0.00};{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00};{ChildCpuSeconds() - children:0.00}"));
                return result;
            }
            var request = new NationalReportRequest(year, NationalReportKind.Interim, rules);
            var data = Phase("figures", () => new NationalReportBuilder(db, reference, options, TimeProvider.System).Collect(request, "bench"));
            var doc = Phase("compose", () => NationalReportComposer.Compose(data, reference, options, DateOnly.FromDateTime(DateTime.UtcNow)));
            var charts = Phase("charts", () => doc.Charts().ToDictionary(c => c.Id, ChartRenderer.Svg));
            Directory.CreateDirectory(outDir);
            var html = Path.Combine(outDir, doc.FileStem + ".html");
            Phase("html", () => { File.WriteAllText(html, HtmlRenderer.Render(doc, c => charts[c.Id])); return 0; });
            Phase("workbook", () => { WorkbookWriter.Write(doc, Path.Combine(outDir, doc.FileStem + ".xlsx")); return 0; });
            var pdf = Phase("pdf", () => PdfRenderer.RenderAsync(html, Path.Combine(outDir, doc.FileStem + ".pdf"), doc.Title).GetAwaiter().GetResult());
            if (pdf.Problem is not null)
            {
                Console.WriteLine($"{run};pdf-problem;{pdf.Problem}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run};total;{total.Elapsed.TotalSeconds:0.00};{(Process.GetCurrentProcess().TotalProcessorTime - cpuTotal).TotalSeconds:0.00}"));
        }
        return 0;
    }
}
