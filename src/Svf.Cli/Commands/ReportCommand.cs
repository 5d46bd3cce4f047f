using System.CommandLine;
using Svf.Assessment;
using Svf.Domain;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Cli.Commands;

/// <summary>The regions' yearly reports: pre-filled template, save as draft or submit, follow-up status and feedback letters.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var cmd = new Command("report", "The regions' yearly SVF reports (redovisningar).");
        cmd.Subcommands.Add(Template());
        cmd.Subcommands.Add(Save());
        cmd.Subcommands.Add(Status());
        return cmd;
    }

    private static Command Template()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true };
        var region = new Option<string>("--region") { Required = true };
        var rulesDir = AssessCommand.RulesDir();
        var output = new Option<string>("--out", "-o") { Required = true, Description = "The JSON file to write." };
        var cmd = new Command("template", "Write a region's draft report as JSON, waiting-time figures pre-filled from its submitted data.") { db, year, region, rulesDir, output };
        cmd.SetAction(parse =>
        {
            var outPath = OutputFile.Check(parse.GetValue(output)!, "--out", OutputFile.Json);
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var rules = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded, parse.GetValue(rulesDir)).ForYear(parse.GetValue(year));
            var draft = Prefill(database, rules, parse.GetValue(region)!);
            File.WriteAllText(outPath, draft.ToJson());
            Console.WriteLine($"Wrote the {rules.Year} report template for region {draft.Region} to {parse.GetValue(output)}");
            return 0;
        });
        return cmd;
    }

    public static RegionReport Prefill(SvfDatabase db, AgreementRules rules, string region)
    {
        var period = ReportPrefill.MeasurementPeriod(rules);
        var rows = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions())
            .Compute(IndicatorSource.Pathways(db, region), IndicatorSource.NewCases(db, region), new IndicatorQuery(period.Kind, period));
        return ReportPrefill.Create(rules, ReferenceDataSet.Embedded, region, rows);
    }

    private static Command Save()
    {
        var db = CliOptions.Db();
        var submit = new Option<bool>("--submit") { Description = "Submit the report (otherwise it is saved as a draft)." };
        var receivedAt = new Option<string?>("--received-at")
        {
            Description = "When the report was received, if earlier than now, e.g. 2025-09-30T16:05 (Swedish time) or 2025-09-30T14:05Z. Recorded in the audit log.",
        };
        var file = new Argument<FileInfo>("file") { Description = "The report as JSON (see `report template`)." };
        var rulesDir = AssessCommand.RulesDir();
        var cmd = new Command("save", "Save a region's report as a new version: a draft, or submitted with --submit.") { db, submit, receivedAt, rulesDir, file };
        cmd.SetAction(parse =>
        {
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var report = RegionReport.FromJson(File.ReadAllText(parse.GetValue(file)!.FullName));
            if (report.Problems(ReferenceDataSet.Embedded) is { Count: > 0 } problems)
            {
                throw new CliException($"The report cannot be saved: {string.Join("; ", problems)}.");
            }
            // The year must have rules (a template): otherwise the report could never be checked.
            AgreementRulesCatalog.Load(ReferenceDataSet.Embedded, parse.GetValue(rulesDir)).ForYear(report.Year);
            var clock = TimeProvider.System;
            if (parse.GetValue(receivedAt) is { } text)
            {
                var at = ParseReceivedAt(text);
                if (at > clock.GetUtcNow())
                {
                    throw new CliException("--received-at lies in the future.");
                }
                clock = new FixedTimeProvider(at);
            }
            var stored = RegionReportStore.Save(database, report, parse.GetValue(submit), CliOptions.Actor, clock);
            Console.WriteLine($"Saved report {stored.Year} for region {stored.RegionCode}: version {stored.VersionNumber}, {stored.Status}, {stored.SavedAtUtc:yyyy-MM-dd HH:mm} UTC");
            return 0;
        });
        return cmd;
    }

    private static Command Status()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true };
        var region = new Option<string?>("--region") { Description = "Print this region's feedback letter in full." };
        var send = new Option<bool>("--send") { Description = "Record the letters of incomplete reports as sent (status becomes 'feedback sent')." };
        var rulesDir = AssessCommand.RulesDir();
        var outDir = new Option<string?>("--out-dir") { Description = "Write every letter as .txt and all as feedback-letters-YEAR.json to this folder." };
        var cmd = new Command("status", "Follow-up of the yearly reports: status per region and what is missing or inconsistent.") { db, year, region, send, rulesDir, outDir };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(outDir) is { } target)
            {
                // Every file the folder will get, checked before anything is recorded (--send).
                OutputFile.CheckDirectory(target, "--out-dir");
                foreach (var known in ReferenceDataSet.Embedded.Regions)
                {
                    OutputFile.Check(Path.Combine(target, $"feedback-{parse.GetValue(year)}-{known.Code}.txt"), "--out-dir", [".txt"]);
                }
                OutputFile.Check(Path.Combine(target, $"feedback-letters-{parse.GetValue(year)}.json"), "--out-dir", OutputFile.Json);
            }
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var rules = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded, parse.GetValue(rulesDir)).ForYear(parse.GetValue(year));
            var letters = Letters(database, rules);
            AssessmentPrinter.FollowUp(Console.Out, letters);
            if (parse.GetValue(region) is { } r)
            {
                Console.WriteLine((letters.SingleOrDefault(l => l.RegionCode == r) ?? throw new CliException($"Unknown region '{r}'.")).ToText());
            }
            if (parse.GetValue(send))
            {
                foreach (var l in letters.Where(l => l.Status == RegionReportingStatus.Incomplete))
                {
                    RegionReportStore.RecordFeedback(database, l, CliOptions.Actor, TimeProvider.System);
                }
                letters = Letters(database, rules);
            }
            if (parse.GetValue(outDir) is { } dir)
            {
                Directory.CreateDirectory(dir);
                foreach (var l in letters)
                {
                    File.WriteAllText(Path.Combine(dir, $"feedback-{rules.Year}-{l.RegionCode}.txt"), l.ToText());
                }
                TableExport.WriteFile(letters, Path.Combine(dir, $"feedback-letters-{rules.Year}.json"));
            }
            return 0;
        });
        return cmd;
    }

    public static IReadOnlyList<ReportFeedbackLetter> Letters(SvfDatabase db, AgreementRules rules)
    {
        var assessment = new PaymentAssessor(db, ReferenceDataSet.Embedded, new IndicatorOptions()).Assess(rules);
        return new ReportFollowUp(db, ReferenceDataSet.Embedded).Letters(rules, assessment.ComputedInclusion);
    }


    /// <summary>With an offset or Z as given; without one, as Swedish local time (deadlines are Swedish dates).</summary>
    private static DateTimeOffset ParseReceivedAt(string text)
    {
        var styles = System.Globalization.DateTimeStyles.AllowWhiteSpaces;
        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (hasOffset && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles, out var withOffset))
        {
            return withOffset;
        }
        if (!hasOffset && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles, out var local))
        {
            return Svf.Domain.SwedishTime.FromLocal(local);
        }
        throw new CliException($"--received-at: '{text}' is not a time like 2025-09-30T16:05 or 2025-09-30T14:05Z.");
    }
}
