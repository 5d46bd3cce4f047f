using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Svf.Rules;

namespace Svf.Cli.Commands;

internal static class RulesCommand
{
    public static Command Create()
    {
        var year = new Option<int?>("--year") { Description = "Show one year in full; without it, list the years." };
        var rulesDir = AssessCommand.RulesDir();
        var referenceDir = CliHost.ReferenceDir();
        var cmd = new Command("rules", "Show the agreement rules per year (amounts, conditions, deadlines, provisional parameters).") { year, rulesDir, referenceDir };
        cmd.SetAction(parse =>
        {
            // The rules as every other command sees them (checked against the same reference data); no database is opened.
            using var services = CliHost.Services(null, referenceDir: parse.GetValue(referenceDir), rulesDir: parse.GetValue(rulesDir));
            var catalog = services.GetRequiredService<AgreementRulesCatalog>();
            if (parse.GetValue(year) is not { } y)
            {
                foreach (var yr in catalog.Years)
                {
                    var r = catalog.ForYear(yr);
                    Console.WriteLine($"{yr}: {r.Title} – {r.SvfTotal.ToString("N0", ConsoleTable.Sv)} kr, {r.Payments.Count} utbetalningar, {r.ProvisionalParameters().Count} preliminära parametrar");
                }
                return 0;
            }
            var rules = catalog.ForYear(y);
            Console.WriteLine($"{rules.Title}\nKälla: {rules.Source}\n");
            foreach (var p in rules.Payments)
            {
                var who = p.Eligibility == PaymentEligibility.AllRegions ? "alla regioner" : "regioner som uppfyller " + string.Join(" + ", p.Conditions);
                Console.WriteLine($"  {p.Id}: {p.NameSv}, {p.Amount.ToString("N0", ConsoleTable.Sv)} kr, efter befolkning till {who}{(p.Provisional ? " *" : "")}");
            }
            Console.WriteLine();
            foreach (var c in rules.Conditions)
            {
                var detail = c.Type switch
                {
                    ConditionType.Inclusion => $"≥ {c.Threshold!.Value.ToString("P0", ConsoleTable.Sv)} under {c.Period}, sammanvägt för {c.SvfCodes.Count} SVF (Bilaga 3): {string.Join(", ", c.SvfCodes)}",
                    ConditionType.ReportOnTime => $"senast {Svf.Output.IsoDate.ToText(c.Deadline!.Value)}",
                    ConditionType.LeadTime => $"{c.Svf} ({string.Join(",", c.IcdPrefixes)}): andel inom ledtid ≥ {c.Threshold!.Value.ToString("P0", ConsoleTable.Sv)} under {c.Period}",
                    _ => "",
                };
                Console.WriteLine($"  {c.Id}: {c.NameSv} {detail}{(c.Provisional ? " *" : "")}");
            }
            Console.WriteLine();
            Console.WriteLine($"  Redovisningsmall: {string.Join(", ", rules.ReportTemplate.Sections.Select(s => s.Id + (s.Required ? "" : " (frivillig)")))}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Fördjupning vid väntetid > {rules.DeepDiveThreshold:P0} över ledtiden; tolerans egen inklusionsgrad {rules.InclusionTolerancePp} procentenheter"));
            Console.WriteLine();
            AssessmentPrinter.Caveats(Console.Out, rules);
            return 0;
        });
        return cmd;
    }
}
