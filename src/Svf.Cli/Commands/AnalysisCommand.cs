using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Analysis;
using Svf.Application;
using Svf.Output;

namespace Svf.Cli.Commands;

/// <summary>
/// <c>svf analysis</c>: why lead-time goals are missed, as tables (docs/lead-time-analyses.md, columns in docs/output-columns.md):
/// the segment split, the sex difference standardised for the SVF mix, the regions' stated obstacles per SVF.
/// </summary>
internal static class AnalysisCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Year (pathways treated in it; the regions' yearly reports for it)." };
        var kind = new Option<string>("--kind") { Required = true, Description = "segments (where the days are lost), sex-difference (women and men, standardised for the SVF mix) or obstacles (the regions' stated obstacles per SVF)." };
        kind.AcceptOnlyFromAmong("segments", "sex-difference", "obstacles");
        var publication = new Option<bool>("--publication") { Description = "Apply the publication rule (small cells suppressed), as in the report to the ministry." };
        var asRegion = CliHost.AsRegion("Act as a user of region R: only the nation's and R's rows (obstacles: refused).");
        var referenceDir = CliHost.ReferenceDir();
        var output = CliOptions.Out();
        var cmd = new Command("analysis", "Why lead-time goals are missed: where the days are lost, women and men compared fairly, the regions' stated obstacles. Audited.")
        {
            db, year, kind, publication, asRegion, referenceDir, output,
        };
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(output) is { } o ? OutputFile.Check(o, "--out", OutputFile.Table) : null;
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir));
            var analyses = services.GetRequiredService<AnalysisUseCases>();
            var caller = CliHost.Caller(parse.GetValue(asRegion));
            var (y, pub) = (parse.GetValue(year), parse.GetValue(publication));
            var w = Console.Out;
            var count = parse.GetValue(kind) switch
            {
                "segments" => Write(analyses.Segments(caller, y, pub), outPath, PrintSegments, w),
                "sex-difference" => Write(analyses.SexDifferences(caller, y, pub), outPath, PrintSexDifferences, w),
                _ => Write(analyses.Obstacles(caller, y, pub), outPath, PrintObstacles, w),
            };
            if (outPath is not null)
            {
                w.WriteLine($"Wrote {count} rows to {outPath}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static int Write<T>(IReadOnlyList<T> rows, string? outPath, Action<TextWriter, IReadOnlyList<T>> print, TextWriter w)
    {
        print(w, rows);
        if (outPath is not null)
        {
            TableExport.WriteFile(rows, outPath);
        }
        return rows.Count;
    }

    private static string P(double? share) => SwedishFormat.Percent(share);

    private static string D(double? days) => SwedishFormat.Number(days);

    /// <summary>All SVF per unit: extra days per segment and the segment that holds most of them.</summary>
    private static void PrintSegments(TextWriter w, IReadOnlyList<SegmentSplitRow> rows)
    {
        var t = new ConsoleTable("Enhet", "Över", "Inom", "Extra: misstanke–besök", "Extra: besök–beslut", "Extra: beslut–behandling", "Största överskott i", "Andel");
        foreach (var r in rows.Where(r => r.Svf == Svf.Indicators.IndicatorEngine.AllSvf))
        {
            t.Add($"{r.UnitCode} {r.UnitName}", r.OverLimit?.ToString(ConsoleTable.Sv) ?? "–", r.WithinLimit?.ToString(ConsoleTable.Sv) ?? "–",
                D(r.ExcessToFirstVisit), D(r.ExcessToDecision), D(r.ExcessToTreatment), r.LargestExcessSegment?.NameSv() ?? "–", P(r.LargestExcessShare));
        }
        w.WriteLine("Var dagarna går förlorade (alla SVF; per SVF i filen):");
        w.WriteLine(t);
    }

    private static void PrintSexDifferences(TextWriter w, IReadOnlyList<SexDifferenceRow> rows)
    {
        string Pp(double? x) => x is { } v ? SwedishFormat.Number(v * 100, 1) : "–";
        var t = new ConsoleTable("Enhet", "Kvinnor", "Män", "Skillnad (pe)", "Standardiserad (pe)", "95 % KI", "Säkerställd");
        foreach (var r in rows)
        {
            t.Add($"{r.UnitCode} {r.UnitName}", P(r.WomenShare), P(r.MenShare), Pp(r.CrudeDifference), Pp(r.StandardisedDifference),
                r.StandardisedCiLow is null ? "–" : $"{Pp(r.StandardisedCiLow)} – {Pp(r.StandardisedCiHigh)}", r.Significant switch { true => "ja", false => "nej", _ => "–" });
        }
        w.WriteLine("Andel inom ledtid, kvinnor minus män, oviktat och standardiserat för SVF-mix (procentenheter):");
        w.WriteLine(t);
    }

    private static void PrintObstacles(TextWriter w, IReadOnlyList<ObstacleGroupRow> rows)
    {
        var t = new ConsoleTable("SVF", "Inom ledtid kvinnor", "Inom ledtid män", "Över 50 %", "Största överskott i", "Regioner");
        foreach (var r in rows)
        {
            t.Add(r.SvfName, P(r.WomenWithinLimitShare), P(r.MenWithinLimitShare), P(r.OverLimit50Share), r.LargestExcessSegment?.NameSv() ?? "–", r.RegionCodes);
        }
        w.WriteLine("Regionernas beskrivna hinder per SVF (beskrivningarna i filen):");
        w.WriteLine(t);
    }
}
