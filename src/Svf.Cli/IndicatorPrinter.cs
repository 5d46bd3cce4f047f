using Svf.Indicators;
using Svf.ReferenceData;
using static Svf.Cli.ConsoleTable;

namespace Svf.Cli;

/// <summary>Prints the two tables an analyst looks at first: the nation per SVF, and every region and RCC for all SVF together.</summary>
internal static class IndicatorPrinter
{
    private static readonly string[] Headers =
        ["", "Startade", "Avslutade", "Cancer", "Inklusion [95 % KI]", "Beh.", "Median", "P80", "P90", "Inom ledtid [95 % KI]", ">50 %", ">75 %", "Ej def."];

    public static void PrintNationalBySvf(TextWriter w, IReadOnlyList<IndicatorRow> rows, string period, ReferenceDataSet reference)
    {
        var t = new ConsoleTable(Headers);
        foreach (var r in rows.Where(r => r.Period == period && r.Level == "nation" && r.Sex == IndicatorEngine.BothSexes)
                     .OrderBy(r => r.Svf == IndicatorEngine.AllSvf ? 1 : 0))
        {
            var name = r.Svf == IndicatorEngine.AllSvf ? "Alla SVF" : reference.SvfsByCode[r.Svf].NameSv;
            t.Add(Cells(name, r));
        }
        w.WriteLine($"Riket per SVF, {period} (båda könen; ledtid i dagar från välgrundad misstanke till start av första behandling)");
        w.WriteLine(t);
    }

    public static void PrintUnitsAllSvf(TextWriter w, IReadOnlyList<IndicatorRow> rows, string period)
    {
        var t = new ConsoleTable(Headers);
        foreach (var r in rows.Where(r => r.Period == period && r.Svf == IndicatorEngine.AllSvf && r.Sex == IndicatorEngine.BothSexes)
                     .OrderBy(r => r.Level == "region" ? 0 : r.Level == "rcc" ? 1 : 2).ThenBy(r => r.UnitCode, StringComparer.Ordinal))
        {
            var name = r.Level == "region" ? $"{r.UnitCode} {r.UnitName}" : r.UnitName;
            t.Add(Cells(name, r));
        }
        w.WriteLine($"Regioner, RCC och riket, alla SVF sammanvägda, {period} (båda könen)");
        w.WriteLine(t);
    }

    public static void PrintBySex(TextWriter w, IReadOnlyList<IndicatorRow> rows, string period)
    {
        var t = new ConsoleTable(Headers);
        foreach (var r in rows.Where(r => r.Period == period && r.Level == "nation" && r.Svf == IndicatorEngine.AllSvf))
        {
            t.Add(Cells(r.Sex switch { "M" => "Män", "K" => "Kvinnor", _ => "Båda" }, r));
        }
        w.WriteLine($"Riket per kön, alla SVF, {period}");
        w.WriteLine(t);
    }

    private static string[] Cells(string name, IndicatorRow r) =>
    [
        name, Num(r.Started), Num(r.Completed), Pct(r.CancerShare),
        $"{Pct(r.InclusionRate)} {Ci(r.InclusionCiLow, r.InclusionCiHigh)}".Trim() + Goal(r.InclusionGoalMet),
        Num(r.Treated), Days(r.LeadTimeMedian), Days(r.LeadTimeP80), Days(r.LeadTimeP90),
        $"{Pct(r.WithinLimitShare)} {Ci(r.WithinLimitCiLow, r.WithinLimitCiHigh)}".Trim() + Goal(r.LeadTimeGoalMet),
        Num(r.OverLimit50), Num(r.OverLimit75), Num(r.NoLimitDefined),
    ];

    private static string Goal(bool? met) => met switch { true => " ✓", false => " ✗", _ => "  " };
}
