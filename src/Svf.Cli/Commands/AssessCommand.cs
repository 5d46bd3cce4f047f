using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Assessment;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Cli.Commands;

internal static class AssessCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var policy = new Option<FailedSharePolicy?>("--policy") { Description = "Redistribute or Withhold a failing region's share (default: the rules file's)." };
        var rulesDir = RulesDir();
        var outDir = new Option<string?>("--out-dir") { Description = "Write conditions, allocation, subtotals, deviations, conclusions and caveats as CSV and JSON to this folder." };
        var referenceDir = CliHost.ReferenceDir();
        var cmd = new Command("assess", "Assess the second-payment conditions per region, allocate the money in whole kronor, list deviations.")
        {
            db, year, policy, rulesDir, outDir, referenceDir,
        };
        cmd.SetAction(parse =>
        {
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var run = services.GetRequiredService<AssessmentUseCases>().Run(CliHost.Caller(null), parse.GetValue(year), parse.GetValue(policy));
            Print(run, Console.Out, parse.GetValue(outDir));
            return 0;
        });
        return cmd;
    }

    public static Option<string?> RulesDir() => new("--rules-dir") { Description = "Folder with further agreement-YYYY.json files (a new year needs no code change)." };

    /// <summary>Runs the assessment as the national operator (audited with its fingerprint) and prints it; used by the demo.</summary>
    public static void Run(SvfDatabase db, AgreementRules rules, FailedSharePolicy policy, TextWriter w, string? outDir, ReferenceDataSet? referenceData = null)
    {
        var reference = referenceData ?? ReferenceDataSet.Embedded;
        var useCases = new AssessmentUseCases(db, reference, AgreementRulesCatalog.Load(reference), new IndicatorOptions());
        Print(useCases.Run(CliHost.Caller(null), rules, policy), w, outDir);
    }

    /// <summary>Prints a run (caveats, conditions, allocation, deviations, conclusions) and, with <paramref name="outDir"/>, writes its files.</summary>
    public static void Print(AssessmentRun run, TextWriter w, string? outDir)
    {
        var rules = run.Rules;
        var assessment = run.Assessment;
        var allocation = run.Allocation;
        AssessmentPrinter.Caveats(w, rules);
        AssessmentPrinter.Conditions(w, assessment);
        if (allocation is not null)
        {
            AssessmentPrinter.Allocation(w, allocation, rules);
        }
        else
        {
            w.WriteLine($"Fördelning kan inte beräknas: {run.AllocationUnavailable}");
            w.WriteLine();
        }
        var deviations = run.Deviations;
        AssessmentPrinter.Deviations(w, deviations);
        var conclusions = run.Conclusions;
        AssessmentPrinter.Conclusions(w, conclusions);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            foreach (var stale in new[] { "allocation", "allocation-subtotals" }.SelectMany(n => new[] { $"{n}-{rules.Year}.csv", $"{n}-{rules.Year}.json" }))
            {
                // An allocation that could not be computed this time must not leave an older one looking current.
                File.Delete(Path.Combine(outDir, stale));
            }
            TableExport.WriteFile(rules.ProvisionalParameters().Select(p => new Caveat(rules.Year, p)), Path.Combine(outDir, $"caveats-{rules.Year}.csv"));
            TableExport.WriteFile(rules.ProvisionalParameters().Select(p => new Caveat(rules.Year, p)), Path.Combine(outDir, $"caveats-{rules.Year}.json"));
            foreach (var ext in new[] { "csv", "json" })
            {
                TableExport.WriteFile(assessment.Conditions, Path.Combine(outDir, $"assessment-{rules.Year}.{ext}"));
                TableExport.WriteFile(deviations, Path.Combine(outDir, $"deviations-{rules.Year}.{ext}"));
                TableExport.WriteFile(conclusions, Path.Combine(outDir, $"conclusions-{rules.Year}.{ext}"));
                if (allocation is not null)
                {
                    TableExport.WriteFile(allocation.Rows, Path.Combine(outDir, $"allocation-{rules.Year}.{ext}"));
                    TableExport.WriteFile(allocation.Subtotals, Path.Combine(outDir, $"allocation-subtotals-{rules.Year}.{ext}"));
                }
            }
            w.WriteLine($"Bedömning, fördelning, avvikelser och slutsatser skrivna som CSV och JSON till {outDir}");
        }
    }

    /// <summary>One provisional parameter of the year's rules: every output file set carries the list.</summary>
    private sealed record Caveat(int Year, string ProvisionalParameter);
}
