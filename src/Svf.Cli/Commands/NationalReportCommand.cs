using System.CommandLine;
using Svf.Indicators;
using Svf.NationalReport;
using Svf.ReferenceData;
using Svf.Reporting;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Cli.Commands;

/// <summary>svf national-report: the report to the ministry as PDF + workbook (+ the HTML the PDF is made from).</summary>
internal static class NationalReportCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year the report covers." };
        var kind = new Option<string>("--kind") { Description = "interim (delredovisning, 15 November) or final (slutredovisning, 29 April).", DefaultValueFactory = _ => "interim" };
        kind.AcceptOnlyFromAmong("interim", "final");
        var outDir = new Option<string>("--out") { Required = true, Description = "Folder to write the PDF, the workbook and the HTML to." };
        var policy = new Option<FailedSharePolicy?>("--policy") { Description = "Redistribute or Withhold a failing region's share (default: the rules file's)." };
        var internalCopy = new Option<bool>("--internal") { Description = "Internal working copy: no small-cell suppression, marked not for publication." };
        var rulesDir = AssessCommand.RulesDir();
        var referenceDir = new Option<string?>("--reference-data") { Description = "Folder with newer reference CSV files." };
        var cmd = new Command("national-report", "Write the national SVF follow-up report to the ministry (PDF and Excel workbook) from stored data.")
        {
            db, year, kind, outDir, policy, internalCopy, rulesDir, referenceDir,
        };
        cmd.SetAction(parse =>
        {
            OutputFile.CheckDirectory(parse.GetValue(outDir)!, "--out"); // a folder: never an existing file such as the database
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var reference = parse.GetValue(referenceDir) is { } dir ? ReferenceDataSet.FromDirectory(dir) : ReferenceDataSet.Embedded;
            var rules = AgreementRulesCatalog.Load(reference, parse.GetValue(rulesDir)).ForYear(parse.GetValue(year));
            var request = new NationalReportRequest(rules.Year, parse.GetValue(kind) == "final" ? NationalReportKind.Final : NationalReportKind.Interim, rules)
            {
                Policy = parse.GetValue(policy),
                ForPublication = !parse.GetValue(internalCopy),
            };
            Run(database, reference, request, parse.GetValue(outDir)!, Console.Out);
            return 0;
        });
        return cmd;
    }

    /// <summary>The demo's last step: the report to the ministry for the demo year, from what the demo stored.</summary>
    public static void Demo(SvfDatabase db, ReferenceDataSet reference, AgreementRules rules, string outDir, TextWriter w)
    {
        w.WriteLine($"10. Rapporten till Regeringskansliet för {rules.Year}, byggd ur lagrade data:");
        Run(db, reference, new NationalReportRequest(rules.Year, NationalReportKind.Interim, rules), outDir, w);
        w.WriteLine();
    }

    /// <summary>Builds and writes the report and says where it is. A missing Chromium is reported, not fatal.</summary>
    public static NationalReportOutput Run(SvfDatabase db, ReferenceDataSet reference, NationalReportRequest request, string outDir, TextWriter w)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var service = new NationalReportService(db, reference, new IndicatorOptions(), TimeProvider.System);
        var output = service.CreateAsync(request, outDir, CliOptions.Actor).GetAwaiter().GetResult();
        var kindText = request.Kind == NationalReportKind.Interim ? "Delredovisning" : "Slutredovisning";
        w.WriteLine($"{kindText} {request.Year} framställd ur lagrade data på {sw.Elapsed.TotalSeconds.ToString("0.0", Svf.Output.SwedishFormat.Culture)} s (fingeravtryck {output.Document.FiguresFingerprint[..16]}):");
        if (output.PdfPath is not null)
        {
            w.WriteLine($"   PDF:        {output.PdfPath}{(output.PdfProblem is { } note ? $" ({note})" : "")}");
        }
        else
        {
            w.WriteLine($"   PDF:        skrevs inte. {output.PdfProblem}");
        }
        w.WriteLine($"   Arbetsbok:  {output.WorkbookPath}");
        w.WriteLine($"   HTML:       {output.HtmlPath}");
        return output;
    }
}
