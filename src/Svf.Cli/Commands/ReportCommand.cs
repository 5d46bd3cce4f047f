using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Output;
using Svf.Reports;
using Svf.Rules;

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
        var referenceDir = CliHost.ReferenceDir();
        var asRegion = CliHost.AsRegion("Act as a user of this region: only the region's own template.");
        var output = new Option<string>("--out", "-o") { Required = true, Description = "The JSON file to write." };
        var cmd = new Command("template", "Write a region's draft report as JSON, waiting-time figures pre-filled from its submitted data.") { db, year, region, rulesDir, referenceDir, asRegion, output };
        cmd.SetAction(parse =>
        {
            var outPath = OutputFile.Check(parse.GetValue(output)!, "--out", OutputFile.Json);
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var draft = services.GetRequiredService<YearlyReportUseCases>().Template(CliHost.Caller(parse.GetValue(asRegion)), parse.GetValue(year), parse.GetValue(region)!);
            File.WriteAllText(outPath, draft.ToJson());
            Console.WriteLine($"Wrote the {draft.Year} report template for region {draft.Region} to {parse.GetValue(output)}");
            return 0;
        });
        return cmd;
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
        var referenceDir = CliHost.ReferenceDir();
        var asRegion = CliHost.AsRegion("Act as a user of this region: only the region's own report can be saved.");
        var cmd = new Command("save", "Save a region's report as a new version: a draft, or submitted with --submit.") { db, submit, receivedAt, rulesDir, referenceDir, asRegion, file };
        cmd.SetAction(parse =>
        {
            var report = RegionReport.FromJson(File.ReadAllText(parse.GetValue(file)!.FullName));
            DateTimeOffset? at = null;
            if (parse.GetValue(receivedAt) is { } text)
            {
                at = ParseReceivedAt(text);
                if (at > TimeProvider.System.GetUtcNow())
                {
                    throw new CliException("--received-at lies in the future.");
                }
            }
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var stored = services.GetRequiredService<YearlyReportUseCases>().Save(CliHost.Caller(parse.GetValue(asRegion)), report, parse.GetValue(submit), at);
            Console.WriteLine($"Saved report {stored.Year} for region {stored.RegionCode}: version {stored.VersionNumber}, {stored.Status}, {IsoDate.Minutes(stored.SavedAtUtc)} UTC");
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
        var referenceDir = CliHost.ReferenceDir();
        var asRegion = CliHost.AsRegion("Act as a user of this region: only the region's own status and letter.");
        var outDir = new Option<string?>("--out-dir") { Description = "Write every letter as .txt and all as feedback-letters-YEAR.json to this folder." };
        var cmd = new Command("status", "Follow-up of the yearly reports: status per region and what is missing or inconsistent.") { db, year, region, send, rulesDir, referenceDir, asRegion, outDir };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(outDir) is { } target)
            {
                // Every file the folder will get, checked before anything is recorded (--send).
                OutputFile.CheckDirectory(target, "--out-dir");
                foreach (var known in Svf.ReferenceData.ReferenceDataSet.Embedded.Regions)
                {
                    OutputFile.Check(Path.Combine(target, $"feedback-{parse.GetValue(year)}-{known.Code}.txt"), "--out-dir", [".txt"]);
                }
                OutputFile.Check(Path.Combine(target, $"feedback-letters-{parse.GetValue(year)}.json"), "--out-dir", OutputFile.Json);
            }
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var reports = services.GetRequiredService<YearlyReportUseCases>();
            var caller = CliHost.Caller(parse.GetValue(asRegion));
            var rules = services.GetRequiredService<AgreementRulesCatalog>().ForYear(parse.GetValue(year));
            var letters = reports.Status(caller, rules.Year);
            AssessmentPrinter.FollowUp(Console.Out, letters);
            if (parse.GetValue(region) is { } r)
            {
                // A region outside the caller's scope (or not a region) goes to the service: refused with a clear message, and audited.
                Console.WriteLine((letters.SingleOrDefault(l => l.RegionCode == r) ?? reports.Letter(caller, rules.Year, r)).ToText());
            }
            if (parse.GetValue(send))
            {
                letters = reports.RecordFeedbackSent(caller, rules.Year);
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
