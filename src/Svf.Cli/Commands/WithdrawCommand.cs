using System.CommandLine;
using Svf.Storage;

namespace Svf.Cli.Commands;

internal static class WithdrawCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var reason = new Option<string>("--reason") { Required = true, Description = "Why the submission is withdrawn (audited)." };
        var asRegion = new Option<string?>("--as-region") { Description = "Act as a user of this region: only the region's own submissions can be withdrawn." };
        var id = new Argument<long>("submission-id");
        var cmd = new Command("withdraw", "Take a current submission out of use without a replacement (it stays in the history).") { db, reason, asRegion, id };
        cmd.SetAction(parse =>
        {
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var target = SubmissionStore.History(database).SingleOrDefault(s => s.Id == parse.GetValue(id))
                ?? throw new CliException($"No submission {parse.GetValue(id)}.");
            if (parse.GetValue(asRegion) is { } region && region != target.RegionCode)
            {
                throw new Svf.Application.AccessDeniedException($"Region {region} may not withdraw a submission of region {target.RegionCode}.");
            }
            var withdrawn = SubmissionStore.Withdraw(database, target.Id, CliOptions.Actor, parse.GetValue(reason)!);
            Console.WriteLine($"Submission {withdrawn.Id} ({withdrawn.Kind} {withdrawn.RegionCode} {withdrawn.Period} v{withdrawn.VersionNumber}) is withdrawn; its rows no longer count.");
            return 0;
        });
        return cmd;
    }
}
