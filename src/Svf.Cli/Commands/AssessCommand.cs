using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Assessment;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Cli.Commands;

internal static class AssessCommand
{
    private static readonly CultureInfo Sv = Svf.Output.SwedishFormat.Culture;

    public static Command Create()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var policy = new Option<FailedSharePolicy?>("--policy") { Description = "Redistribute or Withhold a failing region's share (default: the rules file's)." };
        var rulesDir = RulesDir();
        var outDir = new Option<string?>("--out-dir") { Description = "Write conditions, allocation, subtotals, deviations, conclusions and caveats as CSV and JSON to this folder." };
        var referenceDir = CliHost.ReferenceDir();
        var skrFallback = new Option<bool>("--skr-fallback") { Description = "Use SKR's figures (svf skr import) for a lead-time condition a region's own data cannot assess; marked data_source = skr." };
        var lockOption = new Option<bool>("--lock") { Description = "Lock this run as the year's payment decision (audited; a locked decision never changes)." };
        var cmd = new Command("assess", "Assess the second-payment conditions per region, allocate the money in whole kronor, list deviations.")
        {
            db, year, policy, rulesDir, outDir, referenceDir, lockOption, skrFallback, Show(), Diff(), WhatIfCommand.Create(),
        };
        cmd.SetAction(parse =>
        {
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var assessments = services.GetRequiredService<AssessmentUseCases>();
            var rules = services.GetRequiredService<AgreementRulesCatalog>().ForYear(parse.GetValue(year));
            if (parse.GetValue(lockOption))
            {
                Lock(assessments, rules, parse.GetValue(policy), Console.Out, parse.GetValue(outDir));
            }
            else
            {
                Run(assessments, rules, parse.GetValue(policy), Console.Out, parse.GetValue(outDir),
                    parse.GetValue(skrFallback)
                        ? new Svf.Reconciliation.SkrLeadTimeFallback(services.GetRequiredService<SvfDatabase>(), services.GetRequiredService<ReferenceDataSet>(), new IndicatorOptions())
                        : null);
            }
            return 0;
        });
        return cmd;
    }

    public static Option<string?> RulesDir() => new("--rules-dir") { Description = "Folder with further agreement-YYYY.json files (a new year needs no code change)." };

    /// <summary>Runs the assessment as the national operator and prints it (the demo's step 7).</summary>
    public static void Run(SvfDatabase db, AgreementRules rules, FailedSharePolicy policy, TextWriter w, string? outDir, ReferenceDataSet? referenceData = null, ILeadTimeFallback? fallback = null)
    {
        var reference = referenceData ?? ReferenceDataSet.Embedded;
        Run(new AssessmentUseCases(db, reference, AgreementRulesCatalog.Load(reference), new IndicatorOptions()), rules, policy, w, outDir, fallback);
    }

    private static void Run(AssessmentUseCases assessments, AgreementRules rules, FailedSharePolicy? policy, TextWriter w, string? outDir, ILeadTimeFallback? fallback = null)
    {
        CheckOutDir(outDir, rules.Year);
        var caller = CliHost.Caller(null);
        // The run that money is decided on leaves a trace (the service audits it): who, which rules and policy, what came out (as a hash).
        var run = assessments.Run(caller, rules, policy, fallback);
        Print(w, run);
        if (assessments.LockedAtUtc(rules.Year) is { } lockedAt)
        {
            var locked = assessments.Locked(caller, rules.Year)!;
            w.WriteLine(locked.Record.ResultFingerprint == run.Fingerprint
                ? $"Beslutet för {rules.Year} låstes {Svf.Output.IsoDate.Minutes(lockedAt)} UTC; den här körningen ger samma resultat (fingeravtryck {run.Fingerprint})."
                : $"OBS: beslutet för {rules.Year} låstes {Svf.Output.IsoDate.Minutes(lockedAt)} UTC och den här körningen skiljer sig från det (fingeravtryck {run.Fingerprint}, låst {locked.Record.ResultFingerprint}). " +
                  $"Siffrorna ovan är preliminära; det låsta beslutet: svf assess show --year {rules.Year}, skillnaderna: svf assess diff --year {rules.Year}.");
            w.WriteLine();
        }
        if (outDir is not null)
        {
            AssessmentRun.WriteFiles(run.ExportFiles(), rules.Year, outDir);
            w.WriteLine($"Bedömning, fördelning, avvikelser och slutsatser skrivna som CSV och JSON till {outDir}");
        }
    }

    /// <summary>The console view of a run: caveats, conditions, allocation, deviations, conclusions.</summary>
    public static void Print(TextWriter w, AssessmentRun run)
    {
        AssessmentPrinter.Caveats(w, run.Rules);
        AssessmentPrinter.Conditions(w, run.Assessment);
        if (run.Allocation is not null)
        {
            AssessmentPrinter.Allocation(w, run.Allocation, run.Rules);
        }
        else
        {
            w.WriteLine($"Fördelning kan inte beräknas: {run.AllocationUnavailable}");
            w.WriteLine();
        }
        AssessmentPrinter.Deviations(w, run.Deviations);
        AssessmentPrinter.Conclusions(w, run.Conclusions);
    }

    private static void Lock(AssessmentUseCases assessments, AgreementRules rules, FailedSharePolicy? policy, TextWriter w, string? outDir)
    {
        CheckOutDir(outDir, rules.Year);
        LockedDecision locked;
        try
        {
            locked = assessments.Lock(CliHost.Caller(null), rules.Year, policy, run =>
            {
                var text = new StringWriter();
                Print(text, run);
                return text.ToString();
            });
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
        w.Write(locked.ConsoleText);
        w.WriteLine($"Beslutet för {rules.Year} är låst: post {locked.Id}, {Svf.Output.IsoDate.Minutes(locked.Record.LockedAtUtc)} UTC av {locked.Record.LockedBy}, " +
                    $"{locked.Record.Inputs.Submissions.Count} inrapporteringar och {locked.Record.Inputs.Reports.Count} redovisningsversioner, fingeravtryck {locked.Record.ResultFingerprint}.");
        w.WriteLine($"Visa det: svf assess show --year {rules.Year}. Jämför en senare körning: svf assess diff --year {rules.Year}.");
        if (outDir is not null)
        {
            AssessmentRun.WriteFiles(locked.Exports, rules.Year, outDir);
            w.WriteLine($"Det låsta beslutet skrivet som CSV och JSON till {outDir}");
        }
    }

    private static Command Show()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var outDir = new Option<string?>("--out-dir") { Description = "Write the locked decision's files (CSV and JSON), byte for byte as locked, to this folder." };
        var verify = new Option<bool>("--verify") { Description = "Also re-run the decision from its record and check that it gives identical results." };
        var cmd = new Command("show", "Print the locked payment decision of a year exactly as it was locked, with what arrived after the lock.") { db, year, outDir, verify };
        cmd.SetAction(parse =>
        {
            CheckOutDir(parse.GetValue(outDir), parse.GetValue(year));
            using var services = CliHost.Services(parse.GetValue(db)!);
            var assessments = services.GetRequiredService<AssessmentUseCases>();
            var caller = CliHost.Caller(null);
            var y = parse.GetValue(year);
            var locked = assessments.Locked(caller, y) ?? throw new CliException($"Beslutet för {y} är inte låst. Lås det med: svf assess --year {y} --lock");
            var w = Console.Out;
            w.WriteLine($"Låst beslut {y}: post {locked.Id}, låst {Svf.Output.IsoDate.Minutes(locked.Record.LockedAtUtc)} UTC av {locked.Record.LockedBy}, princip {locked.Record.Policy}, " +
                        $"regler sha256 {locked.Record.RulesSha256[..16]}, referensdata sha256 {locked.Record.ReferenceSha256[..16]}, fingeravtryck {locked.Record.ResultFingerprint}.");
            w.WriteLine();
            if (locked.ConsoleText is { } text)
            {
                w.Write(text);
            }
            else
            {
                Print(w, AssessmentUseCases.RunOf(locked));
            }
            PrintAfterLock(w, y, assessments.ArrivedAfterLock(caller, y));
            if (parse.GetValue(verify))
            {
                var rerun = assessments.Rerun(caller, y);
                w.WriteLine(rerun.Identical
                    ? $"Omräkning från posten: identiska resultat (fingeravtryck {rerun.RerunFingerprint})."
                    : $"OBS: omräkning från posten ger andra resultat (fingeravtryck {rerun.RerunFingerprint}, låst {rerun.LockedFingerprint}; {rerun.AmountDifferences.Count} belopp skiljer sig).");
            }
            if (parse.GetValue(outDir) is { } dir)
            {
                AssessmentRun.WriteFiles(locked.Exports, y, dir);
                w.WriteLine($"Det låsta beslutet skrivet som CSV och JSON till {dir}");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Diff()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var rulesDir = RulesDir();
        var referenceDir = CliHost.ReferenceDir();
        var cmd = new Command("diff", "Compare a run on the current data with the locked decision: amounts per region and krona, and the submissions and reports that changed.")
        {
            db, year, rulesDir, referenceDir,
        };
        cmd.SetAction(parse =>
        {
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var assessments = services.GetRequiredService<AssessmentUseCases>();
            var y = parse.GetValue(year);
            if (assessments.LockedAtUtc(y) is null)
            {
                throw new CliException($"Beslutet för {y} är inte låst. Lås det med: svf assess --year {y} --lock");
            }
            PrintDiff(Console.Out, assessments.Diff(CliHost.Caller(null), y));
            return 0;
        });
        return cmd;
    }

    public static void PrintDiff(TextWriter w, DecisionDiff d)
    {
        w.WriteLine($"Jämförelse med det låsta beslutet {d.Year} (post {d.DecisionId}, låst {Svf.Output.IsoDate.Minutes(d.LockedAtUtc)} UTC): fingeravtryck nu {d.CurrentFingerprint}, låst {d.LockedFingerprint}.");
        if (d.RulesChanged)
        {
            w.WriteLine("  Regelfilen skiljer sig från den som beslutet låstes med.");
        }
        if (d.ReferenceFilesChanged.Count > 0)
        {
            w.WriteLine($"  Referensdata som skiljer sig: {string.Join(", ", d.ReferenceFilesChanged)}.");
        }
        if (d.CurrentAllocationUnavailable is not null)
        {
            w.WriteLine($"  Fördelning kan inte beräknas nu: {d.CurrentAllocationUnavailable}");
        }
        if (d.Same && !d.RulesChanged && d.ReferenceFilesChanged.Count == 0 && d.Inputs.Count == 0)
        {
            w.WriteLine("Inga skillnader: en körning nu ger samma resultat som det låsta beslutet.");
            return;
        }
        if (d.Amounts.Count > 0)
        {
            var t = new ConsoleTable("Region", "Utbetalning", "Låst", "Nu", "Låst (kr)", "Nu (kr)", "Skillnad (kr)");
            foreach (var a in d.Amounts.OrderBy(a => a.RegionCode, StringComparer.Ordinal).ThenBy(a => a.PaymentId, StringComparer.Ordinal))
            {
                t.Add($"{a.RegionCode} {a.RegionName}", a.PaymentId, Outcome(a.LockedEligibility), a.CurrentEligibility is { } e ? Outcome(e) : "–",
                    a.LockedAmount.ToString("N0", Sv), a.CurrentAmount?.ToString("N0", Sv) ?? "–", a.Difference?.ToString("+#,0;−#,0;0", Sv) ?? "–");
            }
            w.WriteLine("Belopp som skiljer sig");
            w.WriteLine(t);
        }
        if (d.Outcomes.Count > 0)
        {
            w.WriteLine("Villkor vars resultat skiljer sig");
            foreach (var o in d.Outcomes)
            {
                w.WriteLine($"  {o.RegionCode} {o.RegionName} – {o.ConditionId}: {Outcome(o.LockedOutcome)} → {Outcome(o.CurrentOutcome)}");
                w.WriteLine($"      låst: {o.LockedEvidence}");
                w.WriteLine($"      nu:   {o.CurrentEvidence}");
            }
            w.WriteLine();
        }
        if (d.Inputs.Count > 0)
        {
            var t = new ConsoleTable("Region", "Ändring", "Typ", "Id", "Period", "Version", "Status", "Mottagen (UTC)", "Efter låsning");
            foreach (var c in d.Inputs)
            {
                t.Add(c.RegionCode, c.Change == InputChangeKind.Added ? "ny" : "inte längre gällande", Kind(c.Kind), c.Id.ToString(CultureInfo.InvariantCulture), c.Period,
                    c.VersionNumber.ToString(CultureInfo.InvariantCulture), c.Status, Svf.Output.IsoDate.Minutes(c.ReceivedAtUtc), c.AfterLock ? "ja" : "");
            }
            w.WriteLine("Underlag som skiljer sig från det beslutet läste (orsaken till skillnaderna)");
            w.WriteLine(t);
        }
    }

    private static void PrintAfterLock(TextWriter w, int year, IReadOnlyList<InputChange> late)
    {
        if (late.Count == 0)
        {
            w.WriteLine($"Inget har kommit in för {year} efter låsningen.");
            return;
        }
        w.WriteLine($"Inkommet efter låsningen (lagrat, men inte del av det låsta beslutet; visas med svf assess diff --year {year}):");
        foreach (var c in late)
        {
            w.WriteLine($"  {c.RegionCode} {Kind(c.Kind)} {c.Period} version {c.VersionNumber} (id {c.Id}, {c.Status}), mottagen {Svf.Output.IsoDate.Minutes(c.ReceivedAtUtc)} UTC");
        }
        w.WriteLine();
    }

    private static string Kind(string kind) => kind switch
    {
        "pathways" => "förlopp",
        "new_cases" => "nya fall",
        "report" => "redovisning",
        _ => kind,
    };

    private static string Outcome(ConditionOutcome o) => o switch
    {
        ConditionOutcome.Met => "uppfyllt",
        ConditionOutcome.NotMet => "ej uppfyllt",
        _ => "kan inte bedömas",
    };

    /// <summary>Every file an assessment writes under --out-dir, checked before the run (<see cref="OutputFile"/>).</summary>
    private static void CheckOutDir(string? outDir, int year)
    {
        if (outDir is null)
        {
            return;
        }
        OutputFile.CheckDirectory(outDir, "--out-dir");
        foreach (var name in new[] { "caveats", "assessment", "deviations", "conclusions", "allocation", "allocation-subtotals" })
        {
            foreach (var ext in OutputFile.Table)
            {
                OutputFile.Check(Path.Combine(outDir, $"{name}-{year}{ext}"), "--out-dir", OutputFile.Table);
            }
        }
    }
}
