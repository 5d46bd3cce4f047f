using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Assessment;
using Svf.Output;
using Svf.Rules;

namespace Svf.Cli.Commands;

/// <summary><c>svf assess what-if</c>: the assessment under another threshold, policy or population date beside the current (and the locked) one.</summary>
internal static class WhatIfCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var inclusion = new Option<decimal?>("--inclusion-threshold") { Description = "Another inclusion threshold, as a fraction (e.g. 0.65)." };
        var leadTime = new Option<decimal?>("--lead-time-threshold") { Description = "Another lead-time threshold, as a fraction (e.g. 0.75)." };
        var policy = new Option<FailedSharePolicy?>("--policy") { Description = "Another policy for a failing region's share: Redistribute or Withhold." };
        var population = new Option<DateOnly?>("--population-date") { Description = "Another population reference date for every payment, e.g. 2023-12-31." };
        var rulesDir = AssessCommand.RulesDir();
        var referenceDir = CliHost.ReferenceDir();
        var output = CliOptions.Out();
        var cmd = new Command("what-if", "Run the assessment under another threshold, policy or population date and compare it per region and krona with the current (and the locked) one. Nothing is decided; audited.")
        {
            db, year, inclusion, leadTime, policy, population, rulesDir, referenceDir, output,
        };
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(output) is { } o ? OutputFile.Check(o, "--out", OutputFile.Table) : null;
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var scenario = new WhatIfScenario
            {
                InclusionThreshold = parse.GetValue(inclusion),
                LeadTimeThreshold = parse.GetValue(leadTime),
                Policy = parse.GetValue(policy),
                PopulationReferenceDate = parse.GetValue(population),
            };
            var result = services.GetRequiredService<AssessmentUseCases>().WhatIf(CliHost.Caller(null), parse.GetValue(year), scenario);
            Print(Console.Out, result);
            if (outPath is not null)
            {
                TableExport.WriteFile(result.Rows, outPath);
                Console.WriteLine($"Wrote {result.Rows.Count} rows to {outPath}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Per region the total of all payments: now, under the scenario, the difference, and the locked amount when the year is locked.</summary>
    public static void Print(TextWriter w, WhatIfResult result)
    {
        w.WriteLine($"Vad händer om – {result.Year}: {result.Scenario.Describe()} (fingeravtryck nu {result.Current.Fingerprint}, scenario {result.Alternative.Fingerprint})");
        foreach (var (label, run) in new[] { ("nu", result.Current), ("scenario", result.Alternative) })
        {
            if (run.AllocationUnavailable is { } why)
            {
                w.WriteLine($"Fördelning ({label}) kan inte beräknas: {why}");
            }
        }
        string Kr(long? v) => v?.ToString("N0", ConsoleTable.Sv) ?? "–";
        var headers = new List<string> { "Region", "Nu (kr)", "Scenario (kr)", "Skillnad (kr)" };
        if (result.Locked is not null)
        {
            headers.Add("Låst (kr)");
        }
        var t = new ConsoleTable([.. headers]);
        foreach (var r in result.Rows.Where(r => r.PaymentId == "TOTAL"))
        {
            var cells = new List<string> { $"{r.RegionCode} {r.RegionName}", Kr(r.CurrentAmount), Kr(r.ScenarioAmount), r.Difference?.ToString("+#,0;−#,0;0", ConsoleTable.Sv) ?? "–" };
            if (result.Locked is not null)
            {
                cells.Add(Kr(r.LockedAmount));
            }
            t.Add([.. cells]);
        }
        w.WriteLine(t);
        foreach (var (region, condition, now, then) in result.ChangedOutcomes)
        {
            w.WriteLine($"  {region} {condition}: {Outcome(now)} → {Outcome(then)}");
        }
        w.WriteLine();
    }

    private static string Outcome(ConditionOutcome o) => o switch
    {
        ConditionOutcome.Met => "uppfyllt",
        ConditionOutcome.NotMet => "ej uppfyllt",
        _ => "kan inte bedömas",
    };
}
