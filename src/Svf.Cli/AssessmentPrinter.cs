using System.Globalization;
using Svf.Assessment;
using Svf.Reports;
using Svf.Rules;

namespace Svf.Cli;

/// <summary>Prints the assessment, the allocation, the deviations and the national conclusions for the ministry.</summary>
internal static class AssessmentPrinter
{
    private static readonly CultureInfo Sv = ConsoleTable.Sv;

    public static void Caveats(TextWriter w, AgreementRules rules)
    {
        var caveats = rules.ProvisionalParameters();
        if (caveats.Count == 0)
        {
            return;
        }
        w.WriteLine($"OBS – preliminära parametrar i reglerna för {rules.Year} (resultat som beror på dem är markerade *):");
        foreach (var c in caveats)
        {
            w.WriteLine($"  * {c}");
        }
        w.WriteLine();
    }

    public static void Conditions(TextWriter w, AssessmentResult a)
    {
        var ids = a.Rules.Conditions.Select(c => c.Id).ToList();
        var t = new ConsoleTable(["Region", .. a.Rules.Conditions.Select(c => c.Id + (c.Provisional ? "*" : "")), .. a.Rules.Payments.Where(p => p.Eligibility == PaymentEligibility.Conditions).Select(p => p.Id)]);
        foreach (var region in a.Conditions.Select(c => (c.RegionCode, c.RegionName)).Distinct())
        {
            var cells = new List<string> { $"{region.RegionCode} {region.RegionName}" };
            cells.AddRange(ids.Select(id => Mark(a.Conditions.Single(c => c.RegionCode == region.RegionCode && c.ConditionId == id).Outcome)));
            cells.AddRange(a.Rules.Payments.Where(p => p.Eligibility == PaymentEligibility.Conditions)
                .Select(p => Mark(a.Decisions.Single(d => d.PaymentId == p.Id && d.RegionCode == region.RegionCode).Outcome)));
            t.Add(cells.ToArray());
        }
        w.WriteLine($"Bedömning av villkoren {a.Rules.Year} (✓ uppfyllt, ✗ ej uppfyllt, ? kan inte bedömas)");
        w.WriteLine(t);
    }

    public static void Allocation(TextWriter w, Allocator.Result result, AgreementRules rules)
    {
        var payments = rules.Payments.Select(p => p.Id).ToList();
        var t = new ConsoleTable(["Region", "Befolkning", .. payments.Select(p => p + " (kr)"), "Totalt (kr)", "Innehållet (kr)"]);
        foreach (var g in result.Rows.GroupBy(r => (r.RegionCode, r.RegionName)))
        {
            // One figure per population date used (in payment order); "–" where the source has none and none was needed.
            var populations = string.Join(" / ", g.Select(r => (r.PopulationReferenceDate, r.Population)).Distinct().Select(p => p.Population?.ToString("N0", Sv) ?? "–"));
            var cells = new List<string> { $"{g.Key.RegionCode} {g.Key.RegionName}", populations };
            cells.AddRange(payments.Select(p => g.Single(r => r.PaymentId == p).Amount.ToString("N0", Sv)));
            cells.Add(g.Sum(r => r.Amount).ToString("N0", Sv));
            cells.Add(g.Sum(r => r.Withheld).ToString("N0", Sv));
            t.Add(cells.ToArray());
        }
        foreach (var rcc in result.Subtotals.Select(s => s.RccCode).Distinct().OrderBy(c => c == "SE" ? 1 : 0).ThenBy(c => c, StringComparer.Ordinal))
        {
            var subs = result.Subtotals.Where(s => s.RccCode == rcc).ToList();
            var cells = new List<string> { rcc == "SE" ? "Riket" : Svf.ReferenceData.ReferenceDataSet.Embedded.Rccs.SingleOrDefault(r => r.Code == rcc)?.NameSv ?? $"RCC {rcc}", "" };
            cells.AddRange(payments.Select(p => subs.Single(s => s.PaymentId == p).Amount.ToString("N0", Sv)));
            cells.Add(subs.Sum(s => s.Amount).ToString("N0", Sv));
            cells.Add(subs.Sum(s => s.Withheld).ToString("N0", Sv));
            t.Add(cells.ToArray());
        }
        var policy = result.Policy == FailedSharePolicy.Redistribute
            ? "omfördelas till de regioner som uppfyller villkoren (efter befolkning); andelen för en region som inte kan bedömas hålls inne tills den kan bedömas"
            : "innehålls (betalas inte ut); även andelen för en region som inte kan bedömas hålls inne";
        var bases = rules.Payments.GroupBy(p => rules.PopulationOf(p)).ToList();
        var basisText = bases.Count == 1
            ? $"Befolkning per {Svf.Output.IsoDate.ToText(bases[0].Key.ReferenceDate)}{(bases[0].Key.Provisional ? "*" : "")}"
            : "Befolkning per " + string.Join(", ", bases.Select(b => $"{Svf.Output.IsoDate.ToText(b.Key.ReferenceDate)}{(b.Key.Provisional ? "*" : "")} ({string.Join(", ", b.Select(p => p.NameSv.ToLowerInvariant()))})"));
        w.WriteLine($"Fördelning {rules.Year} i hela kronor (största rest-metoden). {basisText}.");
        w.WriteLine($"Princip för andel som inte betalas ut: {policy}.");
        w.WriteLine(t);
    }

    public static void Deviations(TextWriter w, IReadOnlyList<DeviationRow> deviations)
    {
        w.WriteLine("Avvikelser: villkor som inte uppfylls eller inte kan bedömas, och regionens egen beskrivning av förbättringsarbetet");
        foreach (var d in deviations)
        {
            w.WriteLine($"  {d.RegionCode} {d.RegionName} – {d.ConditionName}{(d.Provisional ? "*" : "")}: {(d.Outcome == ConditionOutcome.NotMet ? "ej uppfyllt" : "kan inte bedömas")}");
            w.WriteLine($"      Underlag: {d.Evidence}{(d.Shortfall is null ? "" : $" ({d.Shortfall})")}");
            w.WriteLine($"      Regionens förbättringsarbete: {d.RegionImprovementWork ?? (d.ReportReceived ? "– (inget beskrivet i redovisningen)" : "– (ingen redovisning inkommen)")}");
        }
        w.WriteLine();
    }

    public static void Conclusions(TextWriter w, IReadOnlyList<ConclusionRow> rows)
    {
        var t = new ConsoleTable("Villkor / utbetalning", "Uppfyllt", "Ej uppfyllt", "Kan ej bedömas", "Belopp (kr)", "Utbetalt (kr)", "Innehållet (kr)");
        foreach (var r in rows)
        {
            t.Add(r.Name, r.RegionsMet.ToString(Sv), r.RegionsNotMet.ToString(Sv), r.RegionsCannotAssess.ToString(Sv),
                r.Amount?.ToString("N0", Sv) ?? "", r.Paid?.ToString("N0", Sv) ?? "", r.Withheld?.ToString("N0", Sv) ?? "");
        }
        w.WriteLine("Nationella slutsatser (antal regioner)");
        w.WriteLine(t);
    }

    public static void FollowUp(TextWriter w, IReadOnlyList<ReportFeedbackLetter> letters)
    {
        var t = new ConsoleTable("Region", "Status", "Version", "Inkom (svensk tid)", "Efter sista dag", "Att komplettera");
        foreach (var l in letters)
        {
            t.Add($"{l.RegionCode} {l.RegionName}", ReportFeedbackLetter.StatusText(l.Status), l.ReportVersion?.ToString(Sv) ?? "",
                l.SubmittedAtUtc is { } at ? Svf.Output.IsoDate.Minutes(Svf.Domain.SwedishTime.Local(at)) : "", l.SubmittedAfterDeadline ? "ja" : "",
                string.Join(", ", l.Findings.Select(f => f.Code + (f.Svf is null ? "" : "/" + f.Svf))));
        }
        w.WriteLine("Uppföljning av regionernas redovisningar");
        w.WriteLine(t);
    }

    private static string Mark(ConditionOutcome o) => o switch { ConditionOutcome.Met => "✓", ConditionOutcome.NotMet => "✗", _ => "?" };
}
