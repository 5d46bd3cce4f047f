using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Output;

namespace Svf.Cli.Commands;

internal static class PathwaysCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var region = new Option<string>("--region") { Description = "Region whose pathways to export.", Required = true };
        var asRegion = CliHost.AsRegion("Act as a user of this region (a region sees only its own rows). Omit for national access.");
        var purpose = new Option<string?>("--purpose") { Description = "Why a national user reads patient-level data (required without --as-region; audited)." };
        var output = new Option<string>("--out", "-o") { Description = "Output file (.csv or .json).", Required = true };
        var cmd = new Command("pathways", "Export a region's current pseudonymised patient-level rows (audited).") { db, region, asRegion, purpose, output };
        cmd.SetAction(parse =>
        {
            var outPath = OutputFile.Check(parse.GetValue(output)!, "--out", OutputFile.Table);
            using var services = CliHost.Services(parse.GetValue(db)!);
            var rows = services.GetRequiredService<PathwayUseCases>().CurrentPathways(CliHost.Caller(parse.GetValue(asRegion)), parse.GetValue(region)!, parse.GetValue(purpose));
            TableExport.WriteFile(rows, outPath);
            Console.WriteLine($"Wrote {rows.Count} rows to {outPath}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
