using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;

namespace Svf.Cli.Commands;

internal static class FeedbackCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var json = new Option<bool>("--json") { Description = "Print the machine-readable report instead of the letter." };
        var asRegion = CliHost.AsRegion("Act as a user of this region: only the region's own submissions can be shown.");
        var id = new Argument<long>("submission-id");
        var cmd = new Command("feedback", "Show the feedback report of a submission.") { db, json, asRegion, id };
        cmd.SetAction(parse =>
        {
            using var services = CliHost.Services(parse.GetValue(db)!);
            var report = services.GetRequiredService<SubmissionUseCases>().Feedback(CliHost.Caller(parse.GetValue(asRegion)), parse.GetValue(id)) ?? throw new CliException($"No submission {parse.GetValue(id)}.");
            Console.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToText());
            Console.Write(!parse.GetValue(json) && services.GetRequiredService<AssessmentUseCases>().AfterLockNotice(report.Period, report.ReceivedAtUtc) is { } late ? late + Environment.NewLine : "");
            return 0;
        });
        return cmd;
    }
}
