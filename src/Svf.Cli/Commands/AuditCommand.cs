using System.CommandLine;
using System.Globalization;
using Svf.Storage;

namespace Svf.Cli.Commands;

internal static class AuditCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 };
        var cmd = new Command("audit", "Show the audit trail, newest first.") { db, limit };
        cmd.SetAction(parse =>
        {
            using var database = SvfDatabase.Open(parse.GetValue(db)!);
            database.Migrate();
            var t = new ConsoleTable("Tid (UTC)", "Aktör", "Händelse", "Region", "Inrapportering", "Detalj");
            foreach (var e in AuditLog.Read(database, parse.GetValue(limit)))
            {
                t.Add(Svf.Output.IsoDate.Seconds(e.AtUtc), e.Actor, e.Action, e.RegionCode ?? "",
                    e.SubmissionId?.ToString(CultureInfo.InvariantCulture) ?? "", e.Detail);
            }
            Console.WriteLine(t);
            return 0;
        });
        return cmd;
    }
}
