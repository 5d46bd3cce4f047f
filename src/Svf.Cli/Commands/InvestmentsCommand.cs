using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Investments;
using Svf.Output;

namespace Svf.Cli.Commands;

/// <summary><c>svf investments import|lagesbild|effect</c>: the special-investment follow-up (docs/special-investments.md).</summary>
internal static class InvestmentsCommand
{
    public static Command Create()
    {
        var cmd = new Command("investments", "Särskilda satsningar: the RCC's reports (import), the lägesbild per RCC and area, and the lead-time effect table.");
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(LagesbildCommand());
        cmd.Subcommands.Add(Effect());
        return cmd;
    }

    private static Option<string?> AsRcc() => new("--as-rcc") { Description = "An RCC's user: only this RCC's records (e.g. Vast). Without it: Socialstyrelsen, all RCC." };

    /// <summary>The operator: with <c>--as-rcc R</c> an RCC coordinator of R, otherwise a national analyst (SVF_ACTOR or the OS user).</summary>
    private static Caller CallerOf(string? asRcc) => asRcc is null ? Caller.Analyst(CliOptions.Actor) : Caller.RccCoordinatorOf(CliOptions.Actor, asRcc);

    private static Command Import()
    {
        var db = CliOptions.Db();
        var rcc = new Option<string>("--rcc") { Required = true, Description = "The reporting RCC: Norr, Mellansverige, Stockholm-Gotland, Vast, Sydost or Syd." };
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var asRcc = AsRcc();
        var feedbackOut = new Option<string?>("--feedback") { Description = "Write the feedback to this file (.json or .txt)." };
        var file = new Argument<FileInfo>("file") { Description = "The report: CSV, or JSON (.json)." };
        var cmd = new Command("import", "Receive an RCC's special-investment report for a year (validated; a new version; a rejected file stores nothing).") { db, rcc, year, asRcc, feedbackOut, file };
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
            var feedback = services.GetRequiredService<InvestmentUseCases>()
                .Import(CallerOf(parse.GetValue(asRcc)), parse.GetValue(rcc)!, parse.GetValue(year), stream, f.Name);
            Console.WriteLine(feedback.ToText());
            if (feedbackPath is { } path)
            {
                OutputFile.WriteFeedback(path, feedback.ToJson, feedback.ToText);
            }
            return feedback.Accepted ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return cmd;
    }

    private static Command LagesbildCommand()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var asRcc = AsRcc();
        var outDir = new Option<string?>("--out-dir") { Description = "Write lagesbild-YYYY and projects-YYYY as CSV and JSON to this folder." };
        var cmd = new Command("lagesbild", "The lägesbild per RCC and area: criteria, allocated and passed-on money, projects; and the projects table.") { db, year, asRcc, outDir };
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(outDir) is { } target)
            {
                OutputFile.CheckTableFiles(target, "--out-dir", $"lagesbild-{parse.GetValue(year)}", $"projects-{parse.GetValue(year)}");
            }
            using var services = CliHost.Services(parse.GetValue(db)!);
            var l = services.GetRequiredService<InvestmentUseCases>().Lagesbild(CallerOf(parse.GetValue(asRcc)), parse.GetValue(year));
            Print(Console.Out, l);
            if (parse.GetValue(outDir) is { } dir)
            {
                Write(l, dir);
                Console.WriteLine($"Skrev lagesbild-{l.Year} och projects-{l.Year} (.csv, .json) i {dir}.");
            }
            return 0;
        });
        return cmd;
    }

    private static Command Effect()
    {
        var db = CliOptions.Db();
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var asRcc = AsRcc();
        var window = new Option<int>("--window") { Description = "Months before and after the project's start.", DefaultValueFactory = _ => 6 };
        var comparison = new Option<string>("--comparison")
        {
            Description = "The comparison pathways: same-svf (the same SVF in regions without a project for it; default), other-svf (the other SVF in the project's regions) or all (every region × SVF without a project).",
            DefaultValueFactory = _ => "same-svf",
        };
        var outFile = CliOptions.Out();
        var cmd = new Command("effect", "Lead times before and after each project's start beside comparable pathways (difference-in-differences with intervals; an association, not proof).")
        {
            db, year, asRcc, window, comparison, outFile,
        };
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(outFile) is { } o ? OutputFile.Check(o, "--out", OutputFile.Table) : null;
            var group = LeadTimeEffect.ParseComparison(parse.GetValue(comparison)!);
            using var services = CliHost.Services(parse.GetValue(db)!);
            var rows = services.GetRequiredService<InvestmentUseCases>().Effect(CallerOf(parse.GetValue(asRcc)), parse.GetValue(year), parse.GetValue(window), group);
            PrintEffect(Console.Out, rows);
            if (outPath is { } path)
            {
                TableExport.WriteFile(rows, path);
            }
            return 0;
        });
        return cmd;
    }

    public static void Write(Lagesbild l, string dir)
    {
        foreach (var ext in new[] { ".csv", ".json" })
        {
            TableExport.WriteFile(l.Rows, Path.Combine(dir, $"lagesbild-{l.Year}{ext}"));
            TableExport.WriteFile(l.Projects, Path.Combine(dir, $"projects-{l.Year}{ext}"));
        }
    }

    public static void Print(TextWriter w, Lagesbild l)
    {
        w.WriteLine($"Lägesbild över de särskilda satsningarna {l.Year} (per RCC och område; * = preliminärt belopp):");
        var t = new ConsoleTable("RCC / område", "Tilldelat", "Vidarefördelat", "Andel", "Projekt", "Goda ex.", "Kriterier");
        foreach (var r in l.Rows)
        {
            t.Add($"{r.RccName} – {r.AreaName}", SwedishFormat.Number(r.Allocated) + (r.Provisional ? " *" : ""),
                r.AmountPassedOn is { } a ? SwedishFormat.Number(a) : "ej redovisat", SwedishFormat.Percent(r.SharePassedOn),
                ConsoleTable.Num(r.Projects), ConsoleTable.Num(r.GoodExamples), Shorten(r.Criteria ?? SwedishFormat.Missing, 50));
        }
        w.WriteLine(t);
        var good = l.Projects.Where(p => p.GoodExample).ToList();
        if (good.Count > 0)
        {
            w.WriteLine("Goda exempel:");
            foreach (var p in good)
            {
                w.WriteLine($"  {p.RccName}, {InvestmentAreas.NameSv(p.Area)}: {p.Name} ({p.ResponsibleUnit}, {SwedishFormat.Kronor(p.Amount)}) – {p.Aim}{(p.Results is null ? "" : $". Resultat: {p.Results}")}");
            }
            w.WriteLine();
        }
        if (l.Caveats.Count > 0)
        {
            w.WriteLine("OBS – preliminärt:");
            foreach (var c in l.Caveats)
            {
                w.WriteLine($"  * {c}");
            }
            w.WriteLine();
        }
    }

    public static void PrintEffect(TextWriter w, IReadOnlyList<LeadTimeEffectRow> rows)
    {
        w.WriteLine("Ledtider före och efter projektens start, bredvid jämförbara förlopp utan projekt (skillnad i skillnader, 95 % intervall). Ett samband, inte ett bevis för effekt.");
        foreach (var group in rows.Select(r => r.ComparisonGroup).Distinct())
        {
            w.WriteLine($"Jämförelsegrupp ({group}): {LeadTimeEffect.NameSv(LeadTimeEffect.ParseComparison(group))}.");
        }
        w.WriteLine($"Intervall: andelar {LeadTimeEffect.ShareIntervalMethod}; medianer {LeadTimeEffect.MedianIntervalMethod}.");
        var t = new ConsoleTable("Projekt / SVF", "Mått", "Projekt före", "Projekt efter", "Jämf. före", "Jämf. efter", "Skillnad i skillnader [intervall]");
        foreach (var r in rows)
        {
            var share = r.Measure == LeadTimeEffect.ShareMeasure;
            string V(double? v, int n) => (share ? SwedishFormat.Percent(v) : SwedishFormat.Number(v)) + $" (n={n})";
            string D(double? v) => share ? Pp(v) : v is { } d ? SwedishFormat.Number(d) + " dagar" : SwedishFormat.Missing;
            var did = D(r.DifferenceInDifferences) + (r.DidCiLow is { } lo && r.DidCiHigh is { } hi ? $" [{D(lo)} – {D(hi)}]" : "");
            t.Add($"{r.ProjectId} {r.Svf}{(r.AfterWindowComplete ? "" : " (ofullst.)")}", share ? "inom ledtid" : "median, dagar",
                V(r.TreatedBefore, r.TreatedBeforeN), V(r.TreatedAfter, r.TreatedAfterN), V(r.ComparisonBefore, r.ComparisonBeforeN), V(r.ComparisonAfter, r.ComparisonAfterN), did);
        }
        w.WriteLine(t);
    }

    private static string Pp(double? share) => share is { } s ? SwedishFormat.Number(s * 100) + " pe" : SwedishFormat.Missing;

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
