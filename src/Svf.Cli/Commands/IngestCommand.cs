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
            // Checked before anything is received: a bad --feedback must not leave a stored submission behind.
            var feedbackPath = parse.GetValue(feedbackOut) is { } p ? OutputFile.Check(p, "--feedback", OutputFile.Feedback) : null;
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
            Console.Write(services.GetRequiredService<AssessmentUseCases>().AfterLockNotice(report.Period, report.ReceivedAtUtc) is { } late ? late + Environment.NewLine : "");
            if (feedbackPath is not null)
            {
                OutputFile.WriteFeedback(feedbackPath, report.ToJson, report.ToText);
            }
            return report.Status == SubmissionStatus.Rejected ? ExitCodes.Rejected : ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Sends a file as the region's own user (the demo's coordinators), through the same service as the command.</summary>
    public static FeedbackReport Ingest(SubmissionUseCases service, string path, string region, ReportingPeriod period, string kind)
    {
        using var stream = File.OpenRead(path);
        return service.SubmitAsync(CliHost.Caller(region), kind, region, period, stream, path).GetAwaiter().GetResult();
    }
}
