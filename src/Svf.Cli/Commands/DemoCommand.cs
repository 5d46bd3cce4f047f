using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Svf.Domain;
using Svf.Generation;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.Output;
using Svf.Application;
using Svf.Assessment;
using Svf.Reports;
using Svf.Rules;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Cli.Commands;

/// <summary>
/// The main job end to end on the embedded database: generate a national year, receive every region's files (one of them
/// first with errors, to show the feedback loop), compute the indicators and print them. Results also go to CSV and JSON.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var year = new Option<int>("--year") { DefaultValueFactory = _ => 2025 };
        var pathways = new Option<int>("--pathways") { Description = "Pathways per year, nationally.", DefaultValueFactory = _ => 150_000 };
        var dir = new Option<string>("--dir") { Description = "Working folder (database, generated files, results).", DefaultValueFactory = _ => ".svf-demo" };
        var cmd = new Command("demo", "Run the main job end to end on SQLite with a generated national data set and print the results.") { year, pathways, dir };
        cmd.SetAction(parse => Run(parse.GetValue(year), parse.GetValue(pathways), parse.GetValue(dir)!, Console.Out));
        return cmd;
    }

    public static int Run(int year, int pathwayCount, string dir, TextWriter w, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        // A year not yet over has data only up to today (the validator refuses dates in the future).
        var today = SwedishTime.Today(clock);
        DateOnly? until = today < new DateOnly(year, 12, 31) ? today : null;
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(dir);
        var dbPath = Path.Combine(dir, "svf.db");
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
        {
            File.Delete(f);
        }
        var reference = ReferenceDataSet.Embedded;
        using var pseudonymizer = DemoKey(dir, w);

        var sw = Stopwatch.StartNew();
        var dataDir = Path.Combine(dir, "incoming");
        var files = new SyntheticDataGenerator(reference, new GeneratorSettings { Year = year, PathwaysPerYear = pathwayCount, Until = until, FastRegions = ["03", "14"] }).WriteAll(dataDir);
        w.WriteLine(string.Create(Sv, $"1. Genererade {files.Sum(f => f.Pathways):N0} förlopp för {files.Count} regioner, {year} (och förloppen som startade under fjärde kvartalet {year - 1}) på {sw.Elapsed.TotalSeconds:0.0} s i {dataDir}"));

        using var db = SvfDatabase.Open("sqlite:" + dbPath);
        db.Migrate();
        var service = new SubmissionUseCases(db, reference, () => pseudonymizer, clock);
        var period = new ReportingPeriod(PeriodKind.Year, year, 1);

        // The feedback loop, as a coordinator meets it: a file with mistakes is rejected, the corrected one accepted.
        var first = files[0];
        var broken = Path.Combine(dataDir, $"pathways-{first.RegionCode}-{year}-med-fel.csv");
        WriteBrokenCopy(first.PathwayFile, broken, year);
        var rejected = Submit(service, broken, first.RegionCode, period, SubmissionKind.Pathways);
        w.WriteLine();
        w.WriteLine("2. En fil med fel skickas in och avvisas. Återkopplingen till regionen:");
        w.WriteLine(Indent(rejected.ToText()));

        sw.Restart();
        var reports = new List<FeedbackReport>();
        var previousQuarter = new ReportingPeriod(PeriodKind.Quarter, year - 1, 4);
        var previous = files.Select(f => Submit(service, f.PreviousQuarterFile, f.RegionCode, previousQuarter, SubmissionKind.Pathways)).ToList();
        foreach (var f in files)
        {
            reports.Add(Submit(service, f.PathwayFile, f.RegionCode, period, SubmissionKind.Pathways));
            reports.Add(Submit(service, f.NewCasesFile, f.RegionCode, period, SubmissionKind.NewCases));
        }
        var again = Submit(service, first.PathwayFile, first.RegionCode, period, SubmissionKind.Pathways);
        var ingestSeconds = sw.Elapsed.TotalSeconds;
        var rows = reports.Concat(previous).Sum(r => r.RowsRead);
        w.WriteLine(string.Create(Sv, $"3. Alla regioners filer för {year} inrapporterade: {rows:N0} rader (med fjärde kvartalet {year - 1} och filerna med nya fall) validerade, pseudonymiserade och lagrade på {ingestSeconds:0.0} s ({rows / ingestSeconds:N0} rader/s)."));
        w.WriteLine($"   Samma fil från region {first.RegionCode} en gång till: {(again.Unchanged ? "identisk, inget ändrades" : again.Status)}.");
        var summary = new ConsoleTable("Region", "Förlopp", "Status", "Varningar", "Nya fall", "Status", "Saknas för komplett rapportering");
        foreach (var g in reports.GroupBy(r => r.RegionCode))
        {
            var p = g.Single(r => r.Kind == SubmissionKind.Pathways);
            var n = g.Single(r => r.Kind == SubmissionKind.NewCases);
            summary.Add(g.Key, ConsoleTable.Num(p.RowsStored), p.Status, ConsoleTable.Num(p.WarningCount), ConsoleTable.Num(n.RowsStored), n.Status,
                string.Join(", ", p.SvfWithoutRows.Concat(n.SvfWithoutRows).Distinct().Select(svf => "SVF " + svf).Concat(p.MonthsWithoutRows.Select(m => "månad " + m))));
        }
        w.WriteLine(summary);

        sw.Restart();
        var engine = new IndicatorEngine(reference, new IndicatorOptions());
        var indicators = engine.Compute(IndicatorSource.Pathways(db), IndicatorSource.NewCases(db), new IndicatorQuery(PeriodKind.Year, period));
        w.WriteLine(string.Create(Sv, $"4. Indikatorer beräknade på {sw.Elapsed.TotalSeconds:0.00} s ({indicators.Count:N0} rader: period × enhet × SVF × kön)."));
        w.WriteLine($"   Mål: inklusion ≥ {SwedishFormat.Percent((double)SvfGoals.Inclusion, 0)}, inom ledtid ≥ {SwedishFormat.Percent((double)SvfGoals.LeadTime, 0)} (✓ uppfyllt, ✗ ej uppfyllt). >50 %/>75 %: antal som väntat mer än 50/75 % längre än ledtiden.");
        w.WriteLine("   Ej def.: behandlade där ledtider.csv saknar ledtid för SVF och behandling; de ingår inte i andelen inom ledtid.");
        w.WriteLine();
        IndicatorsCommand.Print(w, indicators, reference);

        var outDir = Path.Combine(dir, "results");
        TableExport.WriteFile(indicators, Path.Combine(outDir, $"indicators-{year}.csv"));
        TableExport.WriteFile(indicators, Path.Combine(outDir, $"indicators-{year}.json"));
        TableExport.WriteFile(reports.Select(FeedbackSummary.From), Path.Combine(outDir, $"feedback-{year}.csv"));
        w.WriteLine($"   Indikatortabellerna som CSV och JSON i {outDir}.");
        w.WriteLine();

        var rules = AgreementRulesCatalog.Load(reference).ForYear(year);
        ReceiveYearlyReports(db, rules, reference, w);
        w.WriteLine($"7. Bedömning av villkoren för den andra utbetalningen {year}, fördelning och avvikelser:");
        w.WriteLine();
        AssessCommand.Run(db, rules, rules.DefaultFailedSharePolicy, w, outDir);
        w.WriteLine();
        InvestmentsDemo.Run(db, reference, year, dir, outDir, w);
        NationalReportCommand.Demo(db, reference, rules, Path.Combine(dir, "rapport"), w);
        w.WriteLine($"Klart. Databas: {dbPath}. Resultat i {outDir}. Total tid {total.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    /// <summary>
    /// The regions' yearly reports, as they typically arrive: most complete and on time; Kalmar first incomplete, gets
    /// feedback and completes in time; Halland three days late; Västerbotten without PREM; Blekinge's own inclusion figure off.
    /// </summary>
    private static void ReceiveYearlyReports(SvfDatabase db, AgreementRules rules, ReferenceDataSet reference, TextWriter w)
    {
        var computed = new PaymentAssessor(db, reference, new IndicatorOptions()).Assess(rules).ComputedInclusion;
        var period = ReportPrefill.MeasurementPeriod(rules);
        var rows = new IndicatorEngine(reference, new IndicatorOptions()).Compute(IndicatorSource.Pathways(db), IndicatorSource.NewCases(db), new IndicatorQuery(period.Kind, period));
        DateTimeOffset At(int month, int day) => new(rules.Year, month, day, 9, 30, 0, TimeSpan.Zero);
        foreach (var region in reference.Regions)
        {
            var draft = ReportPrefill.Create(rules, reference, region.Code, rows);
            var own = computed.GetValueOrDefault(region.Code);
            var report = SyntheticReports.Complete(draft, rules, region.Code == "10" ? own + 0.05 : own, premInUse: region.Code != "24");
            switch (region.Code)
            {
                case "05":
                    RegionReportStore.Save(db, draft, submit: false, "samordnare-05", new FixedTimeProvider(At(9, 15)));
                    RegionReportStore.Save(db, report, submit: true, "samordnare-05", new FixedTimeProvider(At(9, 26)));
                    break;
                case "08":
                    RegionReportStore.Save(db, report with { Prem = report.Prem! with { Results = "" } }, submit: true, "samordnare-08", new FixedTimeProvider(At(9, 22)));
                    break;
                case "13":
                    RegionReportStore.Save(db, report, submit: true, "samordnare-13", new FixedTimeProvider(At(10, 3)));
                    break;
                default:
                    RegionReportStore.Save(db, report, submit: true, $"samordnare-{region.Code}", new FixedTimeProvider(At(9, 16 + int.Parse(region.Code, CultureInfo.InvariantCulture) % 14)));
                    break;
            }
        }
        var followUp = new ReportFollowUp(db, reference);
        var letters = followUp.Letters(rules, computed);
        w.WriteLine($"6. Regionernas redovisningar {rules.Year} har kommit in (sista dag {IsoDate.ToText(rules.ReportDeadline)}).");
        AssessmentPrinter.FollowUp(w, letters);
        var kalmar = letters.Single(l => l.RegionCode == "08");
        RegionReportStore.RecordFeedback(db, kalmar, "analytiker", new FixedTimeProvider(At(9, 24)));
        w.WriteLine("   Återkopplingsbrev till Kalmar län:");
        w.WriteLine(Indent(kalmar.ToText()));
        RegionReportStore.Save(db, SyntheticReports.Complete(ReportPrefill.Create(rules, reference, "08", rows), rules, computed.GetValueOrDefault("08")),
            submit: true, "samordnare-08", new FixedTimeProvider(At(9, 29)));
        var after = followUp.Letters(rules, computed).Single(l => l.RegionCode == "08");
        w.WriteLine($"   Kalmar län kompletterar {IsoDate.ToText(after.SubmittedAtUtc!.Value)}: status {ReportFeedbackLetter.StatusText(after.Status)}.");
        w.WriteLine();
    }


    private static readonly CultureInfo Sv = SwedishFormat.Culture;

    private static FeedbackReport Submit(SubmissionUseCases service, string path, string region, ReportingPeriod period, string kind) =>
        IngestCommand.Ingest(service, path, region, period, kind);

    /// <summary>Copies a region's file and plants one mistake of each common kind in its first rows.</summary>
    private static void WriteBrokenCopy(string source, string target, int year)
    {
        var lines = File.ReadAllLines(source, Encoding.UTF8);
        string Replace(string line, int field, string value)
        {
            var parts = line.Split(';');
            parts[field] = value;
            return string.Join(';', parts);
        }
        var pin = Array.IndexOf(SubmissionColumns.PathwayAll, SubmissionColumns.PersonalId);
        var region = Array.IndexOf(SubmissionColumns.PathwayAll, SubmissionColumns.Region);
        var svf = Array.IndexOf(SubmissionColumns.PathwayAll, SubmissionColumns.Svf);
        var start = Array.IndexOf(SubmissionColumns.PathwayAll, SubmissionColumns.SuspicionDate);
        var originalPin = lines[1].Split(';')[pin];
        lines[1] = Replace(lines[1], pin, originalPin[..^1] + (char)('0' + (originalPin[^1] - '0' + 1) % 10));
        lines[2] = Replace(lines[2], region, "99");
        lines[3] = Replace(lines[3], svf, "BROSTCANCER");
        lines[4] = Replace(lines[4], start, string.Create(CultureInfo.InvariantCulture, $"{year + 5}-01-15"));
        File.WriteAllLines(target, lines, new UTF8Encoding(false));
    }

    private static Pseudonymizer DemoKey(string dir, TextWriter w)
    {
        if (Environment.GetEnvironmentVariable(CliOptions.KeyVariable) is { } configured)
        {
            return Pseudonymizer.FromBase64(configured);
        }
        var keyFile = Path.Combine(dir, "pseudonym.key");
        if (!File.Exists(keyFile))
        {
            File.WriteAllText(keyFile, Pseudonymizer.NewKeyBase64());
            w.WriteLine($"0. Ingen pseudonymiseringsnyckel konfigurerad: skapade en slumpad demonyckel i {keyFile} (aldrig i repot).");
        }
        return Pseudonymizer.FromBase64(File.ReadAllText(keyFile));
    }

    private static string Indent(string text) => string.Join(Environment.NewLine, text.Split('\n').Select(l => "   " + l.TrimEnd('\r')));

    private sealed record FeedbackSummary(long? SubmissionId, string RegionCode, string Kind, string Period, string Status, int RowsStored, int ErrorCount, int WarningCount, string SvfWithoutRows, string MonthsWithoutRows)
    {
        public static FeedbackSummary From(FeedbackReport r) => new(r.SubmissionId, r.RegionCode, r.Kind, r.Period, r.Status, r.RowsStored, r.ErrorCount,
            r.WarningCount, string.Join(",", r.SvfWithoutRows), string.Join(",", r.MonthsWithoutRows));
    }
}
