using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;

namespace Svf.Cli.Commands;

internal static class WithdrawCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var reason = new Option<string>("--reason") { Required = true, Description = "Why the submission is withdrawn (audited)." };
        var asRegion = CliHost.AsRegion("Act as a user of this region: only the region's own submissions can be withdrawn.");
        var id = new Argument<long>("submission-id");
        var cmd = new Command("withdraw", "Take a current submission out of use without a replacement (it stays in the history).") { db, reason, asRegion, id };
        cmd.SetAction(parse =>
        {
            using var services = CliHost.Services(parse.GetValue(db)!);
            var withdrawn = services.GetRequiredService<SubmissionUseCases>().Withdraw(CliHost.Caller(parse.GetValue(asRegion)), parse.GetValue(id), parse.GetValue(reason)!);
            Console.WriteLine($"Submission {withdrawn.Id} ({withdrawn.Kind} {withdrawn.RegionCode} {withdrawn.Period} v{withdrawn.VersionNumber}) is withdrawn; its rows no longer count.");
            return 0;
        });
        return cmd;
    }
}
