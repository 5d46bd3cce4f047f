using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
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
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var reports = services.GetRequiredService<NationalReportUseCases>();
            var reportKind = parse.GetValue(kind) == "final" ? NationalReportKind.Final : NationalReportKind.Interim;
            Run(() => reports.Build(CliHost.Caller(null), parse.GetValue(year), reportKind, parse.GetValue(policy), forPublication: !parse.GetValue(internalCopy)),
                parse.GetValue(outDir)!, Console.Out);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The demo's last step: the report to the ministry for the demo year, from what the demo stored.</summary>
    public static void Demo(SvfDatabase db, ReferenceDataSet reference, AgreementRules rules, string outDir, TextWriter w)
    {
        w.WriteLine($"10. Rapporten till Regeringskansliet för {rules.Year}, byggd ur lagrade data:");
        var reports = new NationalReportUseCases(db, reference, AgreementRulesCatalog.Load(reference), new IndicatorOptions());
        Run(() => reports.Build(CliHost.Caller(null), rules.Year, NationalReportKind.Interim), outDir, w);
        w.WriteLine();
    }

    /// <summary>Builds and writes the report and says where it is. A missing Chromium is reported, not fatal.</summary>
    public static NationalReportOutput Run(Func<NationalReportDocument> build, string outDir, TextWriter w)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        // Chromium starts while the figures are computed; a refused caller or a failed build still closes it.
        var session = ChromiumSession.Start();
        NationalReportOutput output;
        try
        {
            output = NationalReportService.WriteAsync(build(), outDir, session).GetAwaiter().GetResult();
        }
        finally
        {
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        var (year, kindText) = (output.Document.Year, output.Document.Kind == NationalReportKind.Interim ? "Delredovisning" : "Slutredovisning");
        w.WriteLine($"{kindText} {year} framställd ur lagrade data på {sw.Elapsed.TotalSeconds.ToString("0.0", Svf.Output.SwedishFormat.Culture)} s (fingeravtryck {output.Document.FiguresFingerprint[..16]}):");
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
