using System.CommandLine;
using Svf.Assessment;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Reports;
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
        var referenceDir = new Option<string?>("--reference-data") { Description = "Folder with newer reference CSV files (e.g. regioner.csv with new population figures)." };
        var skrFallback = new Option<bool>("--skr-fallback") { Description = "Use SKR's figures (svf skr import) for a lead-time condition a region's own data cannot assess; marked data_source = skr." };
        var cmd = new Command("assess", "Assess the second-payment conditions per region, allocate the money in whole kronor, list deviations.")
        {
            db, year, policy, rulesDir, outDir, referenceDir, skrFallback,
        };
        cmd.SetAction(parse =>
        {
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var reference = parse.GetValue(referenceDir) is { } dir ? ReferenceDataSet.FromDirectory(dir) : ReferenceDataSet.Embedded;
            var rules = AgreementRulesCatalog.Load(reference, parse.GetValue(rulesDir)).ForYear(parse.GetValue(year));
            Run(database, rules, parse.GetValue(policy) ?? rules.DefaultFailedSharePolicy, Console.Out, parse.GetValue(outDir), reference,
                parse.GetValue(skrFallback) ? new Svf.Reconciliation.SkrLeadTimeFallback(database, reference, new IndicatorOptions()) : null);
            return 0;
        });
        return cmd;
    }

    public static Option<string?> RulesDir() => new("--rules-dir") { Description = "Folder with further agreement-YYYY.json files (a new year needs no code change)." };

    public static void Run(SvfDatabase db, AgreementRules rules, FailedSharePolicy policy, TextWriter w, string? outDir, ReferenceDataSet? referenceData = null, ILeadTimeFallback? fallback = null)
    {
        var reference = referenceData ?? ReferenceDataSet.Embedded;
        var assessment = new PaymentAssessor(db, reference, new IndicatorOptions(), fallback).Assess(rules);
        AssessmentPrinter.Caveats(w, rules);
        AssessmentPrinter.Conditions(w, assessment);
        Allocator.Result? allocation = null;
        try
        {
            allocation = Allocator.Allocate(assessment, reference, policy);
            AssessmentPrinter.Allocation(w, allocation, rules);
        }
        catch (AllocationUnavailableException e)
        {
            w.WriteLine($"Fördelning kan inte beräknas: {e.Message}");
            w.WriteLine();
        }
        // The run that money is decided on leaves a trace: who, when, which rules and policy, what came out (as a hash).
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new { assessment.Conditions, assessment.Decisions, Allocation = allocation?.Rows }, TableExport.JsonOptions)))[..16];
        AuditLog.Write(db, CliOptions.Actor, "assessment.run", null, null,
            $"year {rules.Year}, policy {policy}, {assessment.Decisions.Count(d => d.Qualifies)} payment decisions met, " +
            $"allocation {(allocation is null ? "not computed" : "computed")}, result fingerprint {fingerprint}");
        var deviations = Deviations.Build(assessment, RegionReportStore.History(db, rules.Year));
        AssessmentPrinter.Deviations(w, deviations);
        var conclusions = Deviations.Conclusions(assessment, allocation);
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
