using Svf.Application;
using Svf.Generation;
using Svf.Indicators;
using Svf.Investments;
using Svf.Ingestion;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Cli.Commands;

/// <summary>The demo's steps 8–9: the RCC's special-investment reports and the lägesbild; SKR's figures and the reconciliation.</summary>
internal static class InvestmentsDemo
{
    public static void Run(SvfDatabase db, ReferenceDataSet reference, int year, string dir, string outDir, TextWriter w)
    {
        var rules = AgreementRulesCatalog.Load(reference);
        var allocations = AllocationCatalog.Load(reference, rules);
        var service = new InvestmentUseCases(db, reference, rules, allocations, new IndicatorOptions(), TimeProvider.System);
        var analyst = Caller.Analyst("analytiker");
        var incoming = Path.Combine(dir, "incoming");
        var files = SyntheticInvestments.WriteRccReports(new InvestmentService(db, reference, rules, allocations, TimeProvider.System), reference, year, incoming);
        w.WriteLine($"8. De sex RCC redovisar de särskilda satsningarna {year} (RCC Väst som JSON, övriga som CSV):");
        // A report with a mistake first: rejected with feedback, nothing stored; then the corrected one.
        var (firstRcc, firstPath) = files[0];
        var broken = Path.Combine(incoming, $"sarskilda-satsningar-{firstRcc}-{year}-med-fel.csv");
        var lines = File.ReadAllLines(firstPath);
        var header = lines[0].Split(';');
        var firstProject = Array.FindIndex(lines, l => l.StartsWith(InvestmentColumns.ProjectRow + ";", StringComparison.Ordinal));
        var fields = lines[firstProject].Split(';');
        fields[Array.IndexOf(header, InvestmentColumns.Regions)] = "99";
        fields[Array.IndexOf(header, InvestmentColumns.Status)] = "pågår";
        lines[firstProject] = string.Join(';', fields);
        File.WriteAllLines(broken, lines);
        using (var s = File.OpenRead(broken))
        {
            var rejected = service.Import(Caller.RccCoordinatorOf($"rcc-{firstRcc}", firstRcc), firstRcc, year, s, broken);
            w.WriteLine(string.Join(Environment.NewLine, rejected.ToText().TrimEnd().Split('\n').Select(l => "   " + l.TrimEnd('\r'))));
        }
        foreach (var (rcc, path) in files)
        {
            using var s = File.OpenRead(path);
            var feedback = service.Import(Caller.RccCoordinatorOf($"rcc-{rcc}", rcc), rcc, year, s, path);
            w.WriteLine($"   {rcc}: {feedback.Status}, {feedback.RowsStored} rader, {feedback.WarningCount} varningar{(feedback.Issues.Count > 0 ? " (" + string.Join(", ", feedback.Issues.Select(i => i.Code).Distinct()) + ")" : "")}");
        }
        w.WriteLine();
        var lagesbild = service.Lagesbild(analyst, year);
        InvestmentsCommand.Print(w, lagesbild);
        InvestmentsCommand.Write(lagesbild, outDir);
        var effect = service.Effect(analyst, year, windowMonths: 6);
        InvestmentsCommand.PrintEffect(w, effect.Where(r => r.Measure == LeadTimeEffect.ShareMeasure && r.DifferenceInDifferences is not null).Take(8).ToList());
        w.WriteLine($"   (8 av {effect.Count} rader visas: andel inom ledtid där alla fyra grupper har patienter; alla rader med medianer och intervall i CSV/JSON.)");
        TableExport.WriteFile(effect, Path.Combine(outDir, $"lead-time-effect-{year}.csv"));
        TableExport.WriteFile(effect, Path.Combine(outDir, $"lead-time-effect-{year}.json"));
        w.WriteLine($"   Lägesbild, projekt och effekttabell som CSV och JSON i {outDir}.");
        w.WriteLine();

        var skrPath = SyntheticInvestments.WriteSkrFile(db, reference, year, Path.Combine(incoming, $"skr-vantetider-{year}.csv"));
        var skr = new SkrUseCases(db, reference, new IndicatorOptions(), TimeProvider.System);
        ImportFeedback imported;
        using (var s = File.OpenRead(skrPath))
        {
            imported = skr.Import(analyst, s, skrPath);
        }
        w.WriteLine($"9. SKR:s väntetidsdata {year} importerad ({imported.Status}, {SwedishFormat.Number(imported.RowsStored)} rader{(imported.WarningCount > 0 ? $", {imported.WarningCount} varning: {imported.Issues[0].Message}" : "")}) och avstämd mot Socialstyrelsens beräkning:");
        var result = skr.Reconcile(analyst);
        SkrCommand.Print(w, result, 12);
        SkrCommand.Write(result, outDir);
    }
}
