using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Investments;
using Svf.Output;

namespace Svf.Cli.Commands;

/// <summary><c>svf allocation --year Y</c>: the agreement's money per recipient, whole kronor (docs/special-investments.md §1).</summary>
internal static class AllocationCommand
{
    public static Command Create()
    {
        var year = new Option<int>("--year") { Required = true, Description = "Agreement year." };
        var rulesDir = AssessCommand.RulesDir();
        var outFile = CliOptions.Out();
        var totals = new Option<bool>("--totals") { Description = "One line per recipient instead of one per item and recipient." };
        var cmd = new Command("allocation", "The agreement's allocation of money per purpose and recipient (regions, the six RCC, RCC i samverkan), in whole kronor.")
        {
            year, rulesDir, outFile, totals,
        };
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(outFile) is { } o ? OutputFile.Check(o, "--out", OutputFile.Table) : null;
            // The allocation needs no database: the services open it only for a service that uses it.
            using var services = CliHost.Services(null, rulesDir: parse.GetValue(rulesDir));
            var table = services.GetRequiredService<AllocationUseCases>().Table(parse.GetValue(year));
            Print(Console.Out, table.Allocation, table.Shares);
            if (outPath is { } path)
            {
                if (parse.GetValue(totals))
                {
                    TableExport.WriteFile(table.Totals, path);
                }
                else
                {
                    TableExport.WriteFile(table.Shares, path);
                }
                Console.WriteLine($"Skrev {path}.");
            }
            return 0;
        });
        return cmd;
    }

    public static void Print(TextWriter w, AgreementAllocation allocation, IReadOnlyList<AllocationShare> shares)
    {
        w.WriteLine($"{allocation.Title}: {SwedishFormat.Kronor(allocation.Total)}");
        w.WriteLine($"Källa: {allocation.Source}");
        var items = new ConsoleTable("Ändamål", "Mottagare", "Nyckel", "Belopp");
        foreach (var item in allocation.Items)
        {
            var who = item.Recipient switch
            {
                RecipientKind.Regions => "21 regioner",
                RecipientKind.Rcc => "sex RCC",
                RecipientKind.NamedRcc => shares.First(s => s.ItemId == item.Id).RecipientName,
                _ => "RCC i samverkan",
            };
            var key = item.Key switch { DistributionKey.Population => "befolkning", DistributionKey.Equal => "lika delar", _ => "namngiven" };
            items.Add(item.PurposeSv + (item.Provisional ? " *" : ""), who, key, SwedishFormat.Kronor(item.Amount));
        }
        w.WriteLine(items);
        var perRcc = new ConsoleTable(["RCC", "Befolkning", .. allocation.Items.Where(i => i.Recipient is RecipientKind.Rcc or RecipientKind.NamedRcc).Select(i => i.Id), "Summa"]);
        foreach (var rcc in shares.Where(s => s.RecipientKind == RecipientKind.Rcc).Select(s => (s.RecipientCode, s.RecipientName)).Distinct())
        {
            var own = shares.Where(s => s.RecipientCode == rcc.RecipientCode).ToList();
            var population = own.FirstOrDefault(s => s.DistributionKey == DistributionKey.Population)?.Weight;
            perRcc.Add([rcc.RecipientName, population is { } p ? SwedishFormat.Number(p) : SwedishFormat.Missing,
                .. allocation.Items.Where(i => i.Recipient is RecipientKind.Rcc or RecipientKind.NamedRcc)
                    .Select(i => own.FirstOrDefault(s => s.ItemId == i.Id) is { } s ? SwedishFormat.Number(s.Amount) : SwedishFormat.Missing),
                SwedishFormat.Number(own.Sum(s => s.Amount))]);
        }
        w.WriteLine("Per RCC (kronor; befolkningen är summan av RCC:ns regioners, Halland i RCC Väst):");
        w.WriteLine(perRcc);
        var caveats = allocation.ProvisionalParameters().ToList();
        if (shares.Any(s => s.DistributionKey == DistributionKey.Population && s.Provisional && !allocation.Item(s.ItemId).Provisional))
        {
            caveats.Add($"folkmängden per {IsoDate.ToText(shares.First(s => s.PopulationReferenceDate is not null).PopulationReferenceDate!.Value)} är preliminär (population i agreement-{allocation.Year}.json)");
        }
        if (caveats.Count > 0)
        {
            w.WriteLine($"OBS – preliminärt i fördelningen {allocation.Year} (markerat *):");
            foreach (var c in caveats)
            {
                w.WriteLine($"  * {c}");
            }
            w.WriteLine();
        }
    }
}
