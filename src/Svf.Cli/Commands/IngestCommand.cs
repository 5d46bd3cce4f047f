using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Domain;
using Svf.Ingestion;

namespace Svf.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var keyFile = CliOptions.KeyFile();
        var region = new Option<string>("--region") { Description = "The sending region's two-digit code, e.g. 01.", Required = true };
        var period = new Option<string>("--period") { Description = "The period the file covers: 2025, 2025-H1, 2025-Q1 or 2025-01.", Required = true };
        var kind = new Option<string>("--kind") { Description = "pathways (default) or new_cases.", DefaultValueFactory = _ => SubmissionKind.Pathways };
        var feedbackOut = new Option<string?>("--feedback") { Description = "Write the feedback report to this file (.json or .txt)." };
        var asRegion = CliHost.AsRegion("Act as a user of this region: only the region's own files can be sent. Omit to act as the national receiving operator.");
        var file = new Argument<FileInfo>("file") { Description = "The CSV file." };
        var cmd = new Command("ingest", "Receive a region's file: validate, pseudonymise and store it as a new submission version.")
        {
            db, keyFile, region, period, kind, feedbackOut, asRegion, file,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                throw new CliException($"File not found: {f.FullName}");
            }
            using var services = CliHost.Services(parse.GetValue(db)!, CliOptions.ResolveKey(parse.GetValue(keyFile)));
            var submissions = services.GetRequiredService<SubmissionUseCases>();
            FeedbackReport report;
            await using (var stream = File.OpenRead(f.FullName))
            {
                report = await submissions.SubmitAsync(CliHost.Caller(parse.GetValue(asRegion)), parse.GetValue(kind)!, parse.GetValue(region)!,
                    ReportingPeriod.Parse(parse.GetValue(period)!), stream, f.FullName, ct);
            }
            Console.WriteLine(report.ToText());
            Console.Write(Svf.Assessment.DecisionService.AfterLockNotice(services.GetRequiredService<Svf.Storage.SvfDatabase>(), report.Period, report.ReceivedAtUtc) is { } late ? late + Environment.NewLine : "");
            if (parse.GetValue(feedbackOut) is { } path)
            {
                File.WriteAllText(path, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? report.ToJson() : report.ToText());
            }
            return report.Status == SubmissionStatus.Rejected ? 1 : 0;
        });
        return cmd;
    }

    public static FeedbackReport Ingest(SubmissionService service, string path, string region, ReportingPeriod period, string kind)
    {
        using var stream = File.OpenRead(path);
        return kind switch
        {
            SubmissionKind.Pathways => service.SubmitPathways(stream, path, region, period, CliOptions.Actor),
            SubmissionKind.NewCases or "new-cases" => service.SubmitNewCases(stream, path, region, period, CliOptions.Actor),
            _ => throw new CliException($"Unknown kind '{kind}': use pathways or new_cases."),
        };
    }
}
