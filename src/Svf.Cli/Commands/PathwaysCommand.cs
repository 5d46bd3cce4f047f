using System.CommandLine;
using Svf.Access;
using Svf.Output;
using Svf.Storage;

namespace Svf.Cli.Commands;

internal static class PathwaysCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var region = new Option<string>("--region") { Description = "Region whose pathways to export.", Required = true };
        var asRegion = new Option<string?>("--as-region") { Description = "Act as a user of this region (a region sees only its own rows). Omit for national access." };
        var purpose = new Option<string?>("--purpose") { Description = "Why a national user reads patient-level data (required without --as-region; audited)." };
        var output = new Option<string>("--out", "-o") { Description = "Output file (.csv or .json).", Required = true };
        var cmd = new Command("pathways", "Export a region's current pseudonymised patient-level rows (audited).") { db, region, asRegion, purpose, output };
        cmd.SetAction(parse =>
        {
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var scope = new AccessScope(CliOptions.Actor, parse.GetValue(asRegion), parse.GetValue(purpose));
            try
            {
                var rows = PatientLevelQueries.CurrentPathways(database, scope, parse.GetValue(region)!);
                TableExport.WriteFile(rows, parse.GetValue(output)!);
                Console.WriteLine($"Wrote {rows.Count} rows to {parse.GetValue(output)}");
                return 0;
            }
            catch (UnauthorizedAccessException e)
            {
                throw new CliException(e.Message);
            }
        });
        return cmd;
    }
}
