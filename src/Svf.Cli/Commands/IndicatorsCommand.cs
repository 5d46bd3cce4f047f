using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Domain;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;

namespace Svf.Cli.Commands;

internal static class IndicatorsCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db();
        var kind = new Option<PeriodKind>("--period-kind") { Description = "month, quarter, halfyear or year.", DefaultValueFactory = _ => PeriodKind.Year };
        var within = new Option<string?>("--within") { Description = "Only periods inside this one, e.g. 2025 or 2025-H1." };
        var publication = new Option<bool>("--publication") { Description = "Apply the small-cell suppression rule (for anything published)." };
        var minCell = new Option<int>("--min-cell") { Description = "Smallest count shown in publication mode.", DefaultValueFactory = _ => 5 };
        var numerator = new Option<InclusionNumerator>("--inclusion-numerator") { DefaultValueFactory = _ => InclusionNumerator.CancerConfirmed, Description = "CancerConfirmed or TreatmentStarted." };
        var superseded = new Option<SupersededLimitPolicy>("--superseded-limits") { DefaultValueFactory = _ => SupersededLimitPolicy.UseAndFlag, Description = "UseAndFlag or TreatAsNotDefined." };
        var referenceDir = CliHost.ReferenceDir();
        var asRegion = CliHost.AsRegion("Act as a user of this region: its own rows and the nation's.");
        var noProrate = new Option<bool>("--no-prorate") { Description = "Do not prorate a longer period's new-cases figure (e.g. a year's) to shorter periods; those get no inclusion rate." };
        var limitDate = new Option<LimitDateBasis>("--limit-date") { DefaultValueFactory = _ => LimitDateBasis.TreatmentStart, Description = "Which date picks the lead-time limit's version: TreatmentStart or Suspicion." };
        var inclusionGoal = new Option<decimal>("--inclusion-goal") { DefaultValueFactory = _ => SvfGoals.Inclusion, Description = "Inclusion goal as a fraction." };
        var leadTimeGoal = new Option<decimal>("--lead-time-goal") { DefaultValueFactory = _ => SvfGoals.LeadTime, Description = "Lead-time goal (share within the limit) as a fraction." };
        var confidence = new Option<double>("--confidence") { DefaultValueFactory = _ => 0.95, Description = "Confidence level of the Wilson intervals, e.g. 0.95 or 0.90." };
        var output = CliOptions.Out();
        var cmd = new Command("indicators", "Compute the SVF indicators from the current submissions and print the main tables.")
        {
            db, kind, within, publication, minCell, numerator, superseded, referenceDir, noProrate, limitDate, inclusionGoal, leadTimeGoal, confidence, asRegion, output,
        };
        cmd.SetAction(parse =>
        {
            var outPath = parse.GetValue(output) is { } o ? OutputFile.Check(o, "--out", OutputFile.Table) : null;
            var options = new IndicatorOptions
            {
                MinPublishedCellSize = parse.GetValue(minCell),
                InclusionNumerator = parse.GetValue(numerator),
                SupersededLimits = parse.GetValue(superseded),
                ProrateNewCases = !parse.GetValue(noProrate),
                LimitDateBasis = parse.GetValue(limitDate),
                InclusionGoal = parse.GetValue(inclusionGoal),
                LeadTimeGoal = parse.GetValue(leadTimeGoal),
                ConfidenceZ = NormalQuantile(parse.GetValue(confidence)),
            };
            ReportingPeriod? withinPeriod = parse.GetValue(within) is { } w ? ReportingPeriod.Parse(w) : null;
            using var services = CliHost.Services(parse.GetValue(db)!, referenceDir: parse.GetValue(referenceDir), indicators: options);
            var reference = services.GetRequiredService<ReferenceDataSet>();
            var rows = services.GetRequiredService<IndicatorUseCases>().Query(CliHost.Caller(parse.GetValue(asRegion)),
                new IndicatorRequest(parse.GetValue(kind), withinPeriod) { ForPublication = parse.GetValue(publication) });
            Print(Console.Out, rows, reference);
            foreach (var notice in services.GetRequiredService<AssessmentUseCases>().LockNotices(CliHost.Caller(parse.GetValue(asRegion)), rows.Select(r => r.Period)))
            {
                Console.WriteLine(notice);
            }
            if (outPath is { } path)
            {
                TableExport.WriteFile(rows, path);
                Console.WriteLine($"Wrote {rows.Count} rows to {path}");
            }
            return 0;
        });
        return cmd;
    }

    public static void Print(TextWriter w, IReadOnlyList<IndicatorRow> rows, ReferenceDataSet reference)
    {
        var periods = rows.Select(r => r.Period).Distinct().ToList();
        if (periods.Count == 0)
        {
            w.WriteLine("No indicator rows: no data in the periods asked for. (--within 2025-H1 needs --period-kind halfyear, quarter or month.)");
            return;
        }
        const int shown = 3;
        if (periods.Count > shown)
        {
            w.WriteLine($"{periods.Count} periods: the tables below show the last {shown}; --out writes them all.");
        }
        foreach (var period in periods.TakeLast(shown))
        {
            IndicatorPrinter.PrintNationalBySvf(w, rows, period, reference);
            IndicatorPrinter.PrintUnitsAllSvf(w, rows, period);
            IndicatorPrinter.PrintBySex(w, rows, period);
        }
    }

    /// <summary>The two-sided normal quantile for a confidence level (0.95 gives 1.96), for the three levels in use.</summary>
    private static double NormalQuantile(double level) => level switch
    {
        0.90 => 1.6448536269514722,
        0.95 => 1.959963984540054,
        0.99 => 2.5758293035489004,
        _ => throw new CliException("--confidence must be 0.90, 0.95 or 0.99."),
    };
}
