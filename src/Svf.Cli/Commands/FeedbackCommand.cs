using System.CommandLine;
using Svf.Storage;

namespace Svf.Cli.Commands;

internal static class FeedbackCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var json = new Option<bool>("--json") { Description = "Print the machine-readable report instead of the letter." };
        var id = new Argument<long>("submission-id");
        var cmd = new Command("feedback", "Show the feedback report of a submission.") { db, json, id };
        cmd.SetAction(parse =>
        {
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var report = SubmissionStore.Feedback(database, parse.GetValue(id)) ?? throw new CliException($"No submission {parse.GetValue(id)}.");
            Console.WriteLine(parse.GetValue(json) ? report.ToJson() : report.ToText());
            Console.Write(!parse.GetValue(json) && Svf.Assessment.DecisionService.AfterLockNotice(database, report.Period, report.ReceivedAtUtc) is { } late ? late + Environment.NewLine : "");
            return 0;
        });
        return cmd;
    }
}
