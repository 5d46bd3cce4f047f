using System.CommandLine;
using System.Globalization;
using Svf.Output;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Storage;

namespace Svf.Cli.Commands;

internal static class SubmissionsCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var region = new Option<string?>("--region") { Description = "Only this region." };
        var asRegion = CliHost.AsRegion("Act as a user of this region: only the region's own submissions are listed.");
        var output = CliOptions.Out();
        var cmd = new Command("submissions", "List every submission version received (history, newest first).") { db, region, asRegion, output };
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(output) is { } o ? OutputFile.Check(o, "--out", OutputFile.Table) : null;
            using var services = CliHost.Services(parse.GetValue(db)!);
            var rows = services.GetRequiredService<SubmissionUseCases>().History(CliHost.Caller(parse.GetValue(asRegion)), parse.GetValue(region));
            var afterLock = services.GetRequiredService<AssessmentUseCases>().ReceivedAfterLock(rows);
            var t = new ConsoleTable("Id", "Region", "Typ", "Period", "Version", "Status", "Gällande", "Ersatt av", "Rader", "Fel", "Varningar", "Mottagen (UTC)", "Efter låsning", "Fil");
            foreach (var s in rows)
            {
                t.Add(s.Id.ToString(CultureInfo.InvariantCulture), s.RegionCode, s.Kind, s.Period, s.VersionNumber.ToString(CultureInfo.InvariantCulture), s.Status,
                    s.IsCurrent ? "ja" : "nej", s.SupersededBy?.ToString(CultureInfo.InvariantCulture) ?? "", ConsoleTable.Num(s.RowCount),
                    ConsoleTable.Num(s.ErrorCount), ConsoleTable.Num(s.WarningCount), IsoDate.Minutes(s.ReceivedAtUtc),
                    afterLock.Contains(s.Id) ? "ja" : "", s.FileName);
            }
            Console.WriteLine(t);
            if (outPath is { } path)
            {
                TableExport.WriteFile(rows, path);
            }
            return 0;
        });
        return cmd;
    }
}
