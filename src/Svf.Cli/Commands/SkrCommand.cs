using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Output;
using Svf.Reconciliation;

namespace Svf.Cli.Commands;

/// <summary><c>svf skr import|reconcile</c>: SKR's waiting-time figures and their reconciliation (docs/skr-reconciliation.md).</summary>
internal static class SkrCommand
{
    public static Command Create()
    {
        var cmd = new Command("skr", "SKR:s väntetidsdata: import (validated, versioned) and reconciliation with the figures computed from the regions' submissions.");
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(Reconcile());
        return cmd;
    }

    private static Command Import()
    {
        var db = CliOptions.Db();
        var feedbackOut = new Option<string?>("--feedback") { Description = "Write the feedback to this file (.json or .txt)." };
        var file = new Argument<FileInfo>("file") { Description = "SKR's figures as CSV (docs/skr-reconciliation.md)." };
        var cmd = new Command("import", "Import a file of SKR's aggregate figures as a new version (a rejected file stores nothing but its feedback).") { db, feedbackOut, file };
        cmd.SetAction(parse =>
        {
            var feedbackPath = parse.GetValue(feedbackOut) is { } fp ? OutputFile.Check(fp, "--feedback", OutputFile.Feedback) : null;
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                throw new CliException($"File not found: {f.FullName}");
            }
            using var services = CliHost.Services(parse.GetValue(db)!);
            using var stream = f.OpenRead();
            var feedback = services.GetRequiredService<SkrUseCases>().Import(CliHost.Caller(null), stream, f.Name);
            Console.WriteLine(feedback.ToText());
            if (feedbackPath is { } path)
            {
                OutputFile.WriteFeedback(path, feedback.ToJson, feedback.ToText);
            }
            return feedback.Accepted ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return cmd;
    }

    private static Command Reconcile()
    {
        var db = CliOptions.Db();
        var asRegion = CliHost.AsRegion("A region's user: only this region's cells.");
        var absolute = new Option<long>("--abs") { Description = "Counts agree when they differ by at most this many.", DefaultValueFactory = _ => new ReconciliationTolerance().Absolute };
        var relative = new Option<double>("--rel") { Description = "…or by at most this fraction of the larger figure (0.02 = 2 %).", DefaultValueFactory = _ => new ReconciliationTolerance().Relative };
        var days = new Option<double>("--days") { Description = "Medians agree when they differ by at most this many days.", DefaultValueFactory = _ => new ReconciliationTolerance().Days };
        var import = new Option<long?>("--import") { Description = "Reconcile an earlier SKR import (id); default the current one." };
        var all = new Option<bool>("--all") { Description = "List the values that agree as well." };
        var outDir = new Option<string?>("--out-dir") { Description = "Write cells, regions and summary as CSV and JSON to this folder." };
        var cmd = new Command("reconcile", "Compare SKR's figures cell by cell with the indicator engine's: differences beyond the tolerance, cells on one side only, totals per region.")
        {
            db, asRegion, absolute, relative, days, import, all, outDir,
        };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(outDir) is { } target)
            {
                OutputFile.CheckTableFiles(target, "--out-dir", "skr-reconciliation-cells", "skr-reconciliation-regions", "skr-reconciliation-summary");
            }
            var tolerance = new ReconciliationTolerance { Absolute = parse.GetValue(absolute), Relative = parse.GetValue(relative), Days = parse.GetValue(days) };
            using var services = CliHost.Services(parse.GetValue(db)!);
            var result = services.GetRequiredService<SkrUseCases>()
                .Reconcile(CliHost.Caller(parse.GetValue(asRegion)), null, tolerance, parse.GetValue(import), parse.GetValue(all));
            Print(Console.Out, result, 60);
            if (parse.GetValue(outDir) is { } dir)
            {
                Write(result, dir);
                Console.WriteLine($"Skrev skr-reconciliation-cells, -regions och -summary (.csv, .json) i {dir}.");
            }
            return 0;
        });
        return cmd;
    }

    public static void Write(ReconciliationResult result, string dir)
    {
        foreach (var ext in new[] { ".csv", ".json" })
        {
            TableExport.WriteFile(result.Cells, Path.Combine(dir, "skr-reconciliation-cells" + ext));
            TableExport.WriteFile(result.Regions, Path.Combine(dir, "skr-reconciliation-regions" + ext));
            TableExport.WriteFile([result.Summary], Path.Combine(dir, "skr-reconciliation-summary" + ext));
        }
    }

    public static void Print(TextWriter w, ReconciliationResult result, int maxCells)
    {
        w.WriteLine(result.Summary.TextSv);
        w.WriteLine();
        var regions = new ConsoleTable("Region", "Celler", "Värden", "Stämmer", "Skiljer", "Bara SoS", "Bara SKR", "Okänd SVF", "Startade SoS", "Startade SKR");
        foreach (var r in result.Regions.Where(r => r.CellsMatched + r.OnlyOurs + r.OnlySkr + r.UnknownSvf > 0))
        {
            regions.Add($"{r.RegionCode} {r.RegionName}{(r.FullyAgrees ? "" : " ≠")}", ConsoleTable.Num(r.CellsMatched), ConsoleTable.Num(r.ValuesCompared),
                SwedishFormat.Percent(r.AgreementShare), ConsoleTable.Num(r.ValuesDiffer), ConsoleTable.Num(r.OnlyOurs), ConsoleTable.Num(r.OnlySkr),
                ConsoleTable.Num(r.UnknownSvf), ConsoleTable.Num(r.StartedOurs), ConsoleTable.Num(r.StartedSkr));
        }
        w.WriteLine(regions);
        // Differences first; a region missing from SKR's file is one line, not hundreds.
        var onlyOurs = result.Cells.Where(c => c.Status == CellStatus.OnlyOurs).GroupBy(c => c.RegionCode).ToList();
        foreach (var g in onlyOurs.Where(g => result.Regions.Any(r => r.RegionCode == g.Key && r.CellsMatched == 0)))
        {
            w.WriteLine($"Region {g.Key} {g.First().RegionName} saknas helt hos SKR: {g.Count()} celler finns bara i Socialstyrelsens data.");
        }
        var missingRegions = onlyOurs.Where(g => result.Regions.Any(r => r.RegionCode == g.Key && r.CellsMatched == 0)).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var shown = result.Cells.Where(c => c.Status != CellStatus.Agree && !missingRegions.Contains(c.RegionCode))
            .OrderBy(c => c.Status == CellStatus.OnlyOurs).ToList();
        if (shown.Count == 0)
        {
            w.WriteLine();
            return;
        }
        w.WriteLine($"Celler som inte stämmer ({Math.Min(shown.Count, maxCells)} av {shown.Count} visas; alla finns i CSV/JSON):");
        var cells = new ConsoleTable("Region", "SVF", "Kön", "Period", "Mått", "Status", "SoS", "SKR", "Skillnad");
        foreach (var c in shown.Take(maxCells))
        {
            var status = c.Status switch
            {
                CellStatus.Differs => "skiljer",
                CellStatus.OnlyOurs => "bara SoS",
                CellStatus.OnlySkr => "bara SKR",
                CellStatus.UnknownSvf => "okänd SVF",
                _ => "stämmer",
            };
            var decimals = c.Measure == SkrColumns.LeadTimeMedian ? 1 : 0;
            cells.Add(c.RegionCode, c.Svf, c.Sex, c.Period, c.Measure, status, SwedishFormat.Number(c.Ours, decimals), SwedishFormat.Number(c.Skr, decimals),
                c.Difference is { } d ? SwedishFormat.Number(d, decimals) + (c.RelativeDifference is { } rd ? $" ({SwedishFormat.Percent(rd)})" : "") : SwedishFormat.Missing);
        }
        w.WriteLine(cells);
    }
}
