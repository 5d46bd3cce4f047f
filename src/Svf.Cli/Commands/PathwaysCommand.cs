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
            var outPath = OutputFile.Check(parse.GetValue(output)!, "--out", OutputFile.Table);
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var scope = new AccessScope(CliOptions.Actor, parse.GetValue(asRegion), parse.GetValue(purpose));
            List<Svf.Ingestion.PathwayRecord> rows;
            try
            {
                rows = PatientLevelQueries.CurrentPathways(database, scope, parse.GetValue(region)!);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new Svf.Application.AccessDeniedException(e.Message); // exit code 4, not a usage error
            }
            TableExport.WriteFile(rows, outPath);
            Console.WriteLine($"Wrote {rows.Count} rows to {outPath}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
