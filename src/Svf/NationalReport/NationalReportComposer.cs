using System.Text;
using System.Text.Json;
using Svf.Analysis;
using Svf.Assessment;
using Svf.Indicators;
using Svf.Investments;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using static Svf.Output.SwedishFormat;

namespace Svf.NationalReport;

/// <summary>Turns the computed figures into the report's sections, tables and charts, in Swedish.</summary>
internal static class NationalReportComposer
{
    private const string Total = IndicatorEngine.AllSvf;
    private const string Women = "K";
    private const string Men = "M";
    private const string Both = IndicatorEngine.BothSexes;

    private static ReportColumn Col(string header, ColumnKind kind = ColumnKind.Text) => new(header, kind);

    /// <summary>A column only in the workbook.</summary>
    private static ReportColumn Wb(string header, ColumnKind kind) => new(header, kind) { InDocument = false };

    public static NationalReportDocument Compose(NationalReportData d, ReferenceDataSet reference, IndicatorOptions options, DateOnly builtOn)
    {
        var rules = d.Request.Rules;
        var kind = d.Request.Kind;
        var sections = new List<ReportSection>
        {
            Summary(d, reference, options),
            Reporting(d),
            Goals(d, reference, options),
            SecondPayment(d, reference),
            LongWaits(d, reference, rules),
            WhyMissed(d, reference),
            Trend(d, options),
            Investments(d),
            Method(d, options),
            Appendix(d, reference),
        };
        var figures = new StringBuilder();
        foreach (var t in sections.SelectMany(s => s.Subsections.Prepend(s)).SelectMany(s => s.Blocks.OfType<TableBlock>()).Select(b => b.Table))
        {
            figures.Append(t.Id).Append('\n').Append(JsonSerializer.Serialize(t.Rows.Select(r => r.Select(Invariant)), TableExport.JsonOptions)).Append('\n');
        }
        return new NationalReportDocument
        {
            Year = d.Request.Year,
            Kind = kind,
            Title = $"Uppföljning av regionernas arbete med standardiserade vårdförlopp {d.Request.Year}",
            Subtitle = (kind == NationalReportKind.Interim ? "Delredovisning" : "Slutredovisning") +
                       " av uppdraget att följa upp överenskommelsen om en jämlik och effektiv cancervård med kortare väntetider",
            BuiltOn = builtOn,
            ForPublication = d.Request.ForPublication,
            Provenance = d.Provenance,
            Sections = sections,
            Definitions = Definitions(options, rules),
            Caveats = rules.ProvisionalParameters(),
            FiguresFingerprint = NationalReportBuilder.Sha(figures.ToString()),
        };
    }

    private static string Invariant(object? v) => v switch
    {
        null => "",
        double x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => IsoDate.ToText(date),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Yes(bool? b) => b switch { true => "ja", false => "nej", _ => Missing };

    private static string Outcome(ConditionOutcome o) => o switch
    {
        ConditionOutcome.Met => "uppfyllt",
        ConditionOutcome.NotMet => "ej uppfyllt",
        _ => "kan ej bedömas",
    };

    private static string Pp(double? diff) => diff is { } x ? Number(x * 100, 1) + " procentenheter" : Missing;

    private static string Interval(double? low, double? high, bool points = false) =>
        low is { } l && high is { } h ? (points ? $"[{Number(l * 100, 1)}; {Number(h * 100, 1)}]" : $"[{Percent(l)}–{Percent(h)}]") : "";

    // ---- 1. Summary -------------------------------------------------------------------------------------------------

    private static ReportSection Summary(NationalReportData d, ReferenceDataSet reference, IndicatorOptions options)
    {
        var year = d.Request.Year;
        var nation = d.Row("nation", "SE", Total, Both);
        var women = d.Row("nation", "SE", Total, Women);
        var men = d.Row("nation", "SE", Total, Men);
        var regions = reference.Regions.Select(r => d.Row("region", r.Code, Total, Both)).ToList();
        var leadMet = regions.Count(r => r?.LeadTimeGoalMet == true);
        var inclMet = regions.Count(r => r?.InclusionGoalMet == true);
        var pathwayFiles = d.Provenance.Submissions.Count(s => s.Kind == "pathways");
        var items = new List<string>
        {
            $"I riket startade {Percent(nation?.WithinLimitShare)} av patienterna sin behandling inom SVF-ledtiden {year} " +
            $"(kvinnor {Percent(women?.WithinLimitShare)}, män {Percent(men?.WithinLimitShare)}). Målet är {Percent((double)options.LeadTimeGoal, 0)}; " +
            $"{leadMet} av {reference.Regions.Count} regioner når det.",
            $"Inklusionsgraden i riket var {Percent(nation?.InclusionRate)}" +
            (women?.InclusionRate is null && men?.InclusionRate is null ? " (nya cancerfall är inte rapporterade per kön, så inklusionen kan inte delas på kvinnor och män)" : $" (kvinnor {Percent(women?.InclusionRate)}, män {Percent(men?.InclusionRate)})") +
            $"; målet är {Percent((double)options.InclusionGoal, 0)} och {inclMet} av {reference.Regions.Count} regioner når det.",
            $"{Percent(nation?.OverLimit50Share)} av patienterna väntade mer än 50 % längre än ledtiden och {Percent(nation?.OverLimit75Share)} mer än 75 % längre.",
        };
        var seg = d.Segments.FirstOrDefault(s => s.Level == "nation" && s.Svf == Total);
        if (seg?.LargestExcessSegment is { } largest)
        {
            items.Add($"Patienter över ledtiden väntade i genomsnitt {Number(seg.ExcessTotal, 1)} dagar längre än patienter inom ledtiden. " +
                      $"Störst del av de extra dagarna ({Percent(seg.LargestExcessShare, 0)}) ligger i steget {largest.NameSv()}.");
        }
        var sex = d.SexDifferences.FirstOrDefault(s => s.Level == "nation");
        if (sex?.CrudeDifference is not null)
        {
            var significant = d.SexDifferences.Count(s => s.Level == "region" && s.Significant == true);
            items.Add($"Skillnaden mellan kvinnor och män i andelen inom ledtid är {Pp(sex.CrudeDifference)} (kvinnor minus män). Justerad för att kvinnor och män " +
                      $"utreds i olika SVF är den {Pp(sex.StandardisedDifference)} {Interval(sex.StandardisedCiLow, sex.StandardisedCiHigh, true)}; " +
                      $"i {significant} regioner är den justerade skillnaden statistiskt säkerställd.");
        }
        foreach (var c in d.Conclusions.Where(c => c.Amount is not null && c.RegionsMet + c.RegionsNotMet + c.RegionsCannotAssess > 0 && c.Item != "payment1"))
        {
            items.Add($"{c.Name}: {c.RegionsMet} regioner uppfyller villkoren, {c.RegionsNotMet} gör det inte och {c.RegionsCannotAssess} kan inte bedömas. " +
                      (c.Paid is { } paid ? $"Utbetalas {Kronor(paid)}, innehålls {Kronor(c.Withheld ?? 0)}." : "Fördelningen kunde inte beräknas."));
        }
        var complete = d.Letters.Count(l => l.Status == RegionReportingStatus.Complete);
        var notReceived = d.Letters.Count(l => l.Status == RegionReportingStatus.NotReceived);
        items.Add($"{complete} av {d.Letters.Count} regioner har lämnat en komplett redovisning för {year}; {notReceived} har inte lämnat någon.");
        if (d.Assessment.Caveats.Count > 0)
        {
            items.Add($"Bedömningen bygger på {d.Assessment.Caveats.Count} preliminära parametrar som ännu inte har bekräftats mot överenskommelsens text (se avsnittet Metod).");
        }
        return new ReportSection("sammanfattning", "Sammanfattning och nationella slutsatser",
        [
            new ParagraphBlock($"Rapporten följer upp regionernas arbete med standardiserade vårdförlopp (SVF) {year} enligt regeringens uppdrag till Socialstyrelsen. " +
                               $"Alla siffror är beräknade ur lagrade data: {pathwayFiles} gällande förloppsfiler och {d.Provenance.Submissions.Count - pathwayFiles} filer med nya cancerfall från regionerna, " +
                               $"regionernas redovisningar och regelverket för överenskommelsen {year}. Vad rapporten bygger på framgår av avsnittet Metod."),
            new ListBlock(items),
        ]);
    }

    // ---- 2. Reporting and feedback ----------------------------------------------------------------------------------

    private static ReportSection Reporting(NationalReportData d)
    {
        var rows = d.Letters.Select(l => new object?[]
        {
            $"{l.RegionCode} {l.RegionName}", ReportFeedbackLetter.StatusText(l.Status), l.ReportVersion is { } v ? (long)v : null,
            l.SubmittedAtUtc is { } at ? Svf.Domain.SwedishTime.Date(at) : null, l.SubmittedAtUtc is null ? Missing : Yes(l.SubmittedAfterDeadline),
            (long)l.Findings.Count(f => f.MakesIncomplete), (long)l.Findings.Count(f => !f.MakesIncomplete),
        }).ToList();
        var table = new ReportTable("Rapportering", "Regionernas redovisningar och återkoppling",
            [Col("Region"), Col("Status"), Col("Version", ColumnKind.Count), Col("Inkom", ColumnKind.Date), Col("Efter sista dag"), Col("Saknas", ColumnKind.Count), Col("Avvikande uppgifter", ColumnKind.Count)],
            rows) { Note = $"Status enligt Socialstyrelsens uppföljning. Sista dag: {(d.Letters.Count > 0 ? Svf.Output.IsoDate.ToText(d.Letters[0].Deadline) : Missing)}. \"Saknas\" gör redovisningen ofullständig; avvikande uppgifter återkopplas men redovisningen räknas som inkommen enligt mallen." };
        var byStatus = d.Letters.GroupBy(l => l.Status).OrderBy(g => g.Key).Select(g => $"{ReportFeedbackLetter.StatusText(g.Key)}: {g.Count()}");
        return new ReportSection("rapportering", "Rapportering och återkoppling",
        [
            new ParagraphBlock($"Socialstyrelsen tar emot regionernas redovisningar och återkopplar när en redovisning inte är fullständig. Läget: {string.Join(", ", byStatus)}."),
            new TableBlock(table),
        ]);
    }

    // ---- 3. Inclusion and lead-time goals ---------------------------------------------------------------------------

    private static ReportSection Goals(NationalReportData d, ReferenceDataSet reference, IndicatorOptions options)
    {
        var regionRows = new List<object?[]>();
        foreach (var unit in reference.Regions.Select(r => ("region", r.Code, r.Name)).Append(("nation", "SE", "Riket")))
        {
            var (b, k, m) = (d.Row(unit.Item1, unit.Item2, Total, Both), d.Row(unit.Item1, unit.Item2, Total, Women), d.Row(unit.Item1, unit.Item2, Total, Men));
            regionRows.Add([
                unit.Item1 == "nation" ? "Riket" : $"{unit.Item2} {unit.Item3}",
                k?.InclusionRate, m?.InclusionRate, b?.InclusionRate, b?.InclusionCiLow, b?.InclusionCiHigh, Yes(b?.InclusionGoalMet),
                k?.WithinLimitShare, m?.WithinLimitShare, b?.WithinLimitShare, b?.WithinLimitCiLow, b?.WithinLimitCiHigh, Yes(b?.LeadTimeGoalMet),
                k?.WithLimit, m?.WithLimit,
            ]);
        }
        var perRegion = new ReportTable("Region inklusion och ledtid", $"Inklusion och andel inom ledtid per region, {d.Period}, alla SVF",
            [Col("Region"), Col("Inklusion kvinnor", ColumnKind.Share), Col("Inklusion män", ColumnKind.Share), Col("Inklusion totalt", ColumnKind.Share),
             Wb("Inklusion KI låg", ColumnKind.Share), Wb("Inklusion KI hög", ColumnKind.Share), Col("Inklusionsmål nått"),
             Col("Inom ledtid kvinnor", ColumnKind.Share), Col("Inom ledtid män", ColumnKind.Share), Col("Inom ledtid totalt", ColumnKind.Share),
             Wb("Inom ledtid KI låg", ColumnKind.Share), Wb("Inom ledtid KI hög", ColumnKind.Share), Col("Ledtidsmål nått"),
             Col("Behandlade kvinnor", ColumnKind.Count), Col("Behandlade män", ColumnKind.Count)],
            regionRows) { Note = $"Inklusion: förlopp avslutade med cancer bekräftad delat med antal nya cancerfall (mål {Percent((double)options.InclusionGoal, 0)}). Inom ledtid: andel behandlade med definierad ledtid som startade behandling inom den (mål {Percent((double)options.LeadTimeGoal, 0)}). Behandlade = med definierad ledtid. KI = 95 % Wilson-intervall. – = saknas eller visas inte enligt publiceringsregeln." };

        var svfRows = new List<object?[]>();
        foreach (var svf in reference.Svfs)
        {
            var (b, k, m) = (d.Row("nation", "SE", svf.Code, Both), d.Row("nation", "SE", svf.Code, Women), d.Row("nation", "SE", svf.Code, Men));
            if (b is null || (b.Started ?? 0) == 0 && (b.Treated ?? 0) == 0)
            {
                continue;
            }
            svfRows.Add([svf.NameSv, k?.InclusionRate, m?.InclusionRate, b.InclusionRate, k?.WithinLimitShare, m?.WithinLimitShare, b.WithinLimitShare,
                b.WithinLimitCiLow, b.WithinLimitCiHigh, k?.LeadTimeMedian, m?.LeadTimeMedian, k?.WithLimit, m?.WithLimit]);
        }
        var perSvf = new ReportTable("Riket per SVF", $"Inklusion och andel inom ledtid per SVF i riket, {d.Period}",
            [Col("SVF"), Col("Inklusion kvinnor", ColumnKind.Share), Col("Inklusion män", ColumnKind.Share), Col("Inklusion totalt", ColumnKind.Share),
             Col("Inom ledtid kvinnor", ColumnKind.Share), Col("Inom ledtid män", ColumnKind.Share), Col("Inom ledtid totalt", ColumnKind.Share),
             Wb("KI låg", ColumnKind.Share), Wb("KI hög", ColumnKind.Share), Col("Median dagar kvinnor", ColumnKind.Days), Col("Median dagar män", ColumnKind.Days),
             Col("Behandlade kvinnor", ColumnKind.Count), Col("Behandlade män", ColumnKind.Count)],
            svfRows) { Note = "Inklusion per kön förutsätter att regionerna rapporterat nya fall per kön; annars –. Median: kalenderdagar från välgrundad misstanke till start av behandling." };

        var regionNames = reference.Regions.Select(r => r.Name).ToList();
        var regionTotals = reference.Regions.Select(r => d.Row("region", r.Code, Total, Both)).ToList();
        var within = new BarChartSpec("inom-ledtid-region", "Andel inom ledtid per region", "Stapeldiagram: andel patienter som startade behandling inom ledtiden per region, med 95 % konfidensintervall och målet 80 %.",
            regionNames, [new ChartSeries("Inom ledtid", regionTotals.Select(r => r?.WithinLimitShare).ToList())
                { Low = regionTotals.Select(r => r?.WithinLimitCiLow).ToList(), High = regionTotals.Select(r => r?.WithinLimitCiHigh).ToList() }],
            "Andel inom ledtid", Percent: true) { Goal = (double)options.LeadTimeGoal, GoalLabel = $"Mål {Percent((double)options.LeadTimeGoal, 0)}", Horizontal = true };
        var inclusion = new BarChartSpec("inklusion-region", "Inklusion per region", "Stapeldiagram: inklusionsgrad per region med 95 % konfidensintervall och målet 70 %.",
            regionNames, [new ChartSeries("Inklusion", regionTotals.Select(r => r?.InclusionRate).ToList())
                { Low = regionTotals.Select(r => r?.InclusionCiLow).ToList(), High = regionTotals.Select(r => r?.InclusionCiHigh).ToList() }],
            "Inklusionsgrad", Percent: true) { Goal = (double)options.InclusionGoal, GoalLabel = $"Mål {Percent((double)options.InclusionGoal, 0)}", Horizontal = true };
        var sexes = new BarChartSpec("kvinnor-man-region", "Andel inom ledtid, kvinnor och män", "Stapeldiagram: andel inom ledtid per region för kvinnor och män sida vid sida.",
            regionNames,
            [new ChartSeries("Kvinnor", reference.Regions.Select(r => d.Row("region", r.Code, Total, Women)?.WithinLimitShare).ToList()),
             new ChartSeries("Män", reference.Regions.Select(r => d.Row("region", r.Code, Total, Men)?.WithinLimitShare).ToList())],
            "Andel inom ledtid", Percent: true) { Goal = (double)options.LeadTimeGoal, GoalLabel = $"Mål {Percent((double)options.LeadTimeGoal, 0)}", Horizontal = true };
        var totalWomen = d.Distribution.Sum(x => x.Women);
        var totalMen = d.Distribution.Sum(x => x.Men);
        var distribution = new BarChartSpec("ledtidsfordelning", "Ledtidernas fördelning i förhållande till ledtiden", "Stapeldiagram: andel patienter per ledtid i procent av SVF-ledtiden, kvinnor och män. Staplar över 100 % är över ledtiden.",
            d.Distribution.Select(x => x.Bucket).ToList(),
            [new ChartSeries("Kvinnor", d.Distribution.Select(x => totalWomen > 0 ? (double?)x.Women / totalWomen : null).ToList()),
             new ChartSeries("Män", d.Distribution.Select(x => totalMen > 0 ? (double?)x.Men / totalMen : null).ToList())],
            "Andel av patienterna", Percent: true);
        var distributionTable = new ReportTable("Ledtidsfördelning", "Ledtid i procent av SVF-ledtiden, riket",
            [Col("Ledtid i procent av ledtiden"), Col("Kvinnor", ColumnKind.Count), Col("Män", ColumnKind.Count), Col("Andel kvinnor", ColumnKind.Share), Col("Andel män", ColumnKind.Share)],
            d.Distribution.Select(x => new object?[] { x.Bucket, x.Women, x.Men, totalWomen > 0 ? (double)x.Women / totalWomen : null, totalMen > 0 ? (double)x.Men / totalMen : null }).ToList());

        return new ReportSection("mal", "Inklusion och måluppfyllelse för ledtider",
        [
            new ParagraphBlock($"Tabellerna visar inklusionsmålet ({Percent((double)options.InclusionGoal, 0)} av nya cancerfall utreds i SVF) och ledtidsmålet " +
                               $"({Percent((double)options.LeadTimeGoal, 0)} av patienterna startar behandling inom ledtiden) för {d.Period}, alltid för kvinnor och män sida vid sida."),
        ])
        {
            Subsections =
            [
                new ReportSection("mal-region", "Per region", [new TableBlock(perRegion), new ChartBlock(within), new ChartBlock(inclusion), new ChartBlock(sexes)]),
                new ReportSection("mal-svf", "Per SVF i riket", [new TableBlock(perSvf), new ChartBlock(distribution), new TableBlock(distributionTable)]),
            ],
        };
    }

    // ---- 4. Second payment ------------------------------------------------------------------------------------------

    private static ReportSection SecondPayment(NationalReportData d, ReferenceDataSet reference)
    {
        var rules = d.Request.Rules;
        var a = d.Assessment;
        var conditions = rules.Conditions;
        var conditional = rules.Payments.Where(p => p.Eligibility == PaymentEligibility.Conditions).ToList();
        var matrix = reference.Regions.Select(r =>
        {
            var row = new List<object?> { $"{r.Code} {r.Name}" };
            row.AddRange(conditions.Select(c => (object?)Outcome(a.Conditions.Single(x => x.RegionCode == r.Code && x.ConditionId == c.Id).Outcome)));
            row.AddRange(conditional.Select(p => (object?)Outcome(a.Decisions.Single(x => x.RegionCode == r.Code && x.PaymentId == p.Id).Outcome)));
            return row.ToArray();
        }).ToList();
        var matrixTable = new ReportTable("Villkor per region", $"Villkoren för den andra utbetalningen per region, {rules.Year}",
            [Col("Region"), .. conditions.Select(c => Col(c.NameSv)), .. conditional.Select(p => Col(p.NameSv))], matrix)
        { Note = "Bedömt ur inrapporterade data och regionernas redovisningar. \"Kan ej bedömas\": underlag saknas (se avvikelserna); andelen hålls inne tills underlaget finns." };

        var evidence = new ReportTable("Villkor underlag", $"Underlag för bedömningen per region och villkor, {rules.Year}",
            [Col("Region"), Col("Villkor"), Col("Utfall"), Col("Värde", ColumnKind.Share), Col("KI låg", ColumnKind.Share), Col("KI hög", ColumnKind.Share), Col("Krav", ColumnKind.Share), Col("Underlag"), Col("Preliminär")],
            a.Conditions.Select(c => new object?[] { $"{c.RegionCode} {c.RegionName}", c.ConditionName, Outcome(c.Outcome), c.Value, c.CiLow, c.CiHigh, c.Threshold, c.Evidence, Yes(c.Provisional) }).ToList())
        { InDocument = false };

        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock($"Socialstyrelsen redovisar om villkoren för den andra utbetalningen är uppfyllda. Villkoren och beloppen kommer ur regelverket för {rules.Year} ({rules.Title}). " +
                               (d.Locked is { } locked
                                   ? $"Beslutsunderlaget låstes {IsoDate.ToText(Svf.Domain.SwedishTime.Date(locked.Record.LockedAtUtc))} (beslut {locked.Id}); tabellerna i detta avsnitt visar det låsta beslutet, även om data har ändrats därefter."
                                   : "Beslutsunderlaget är inte låst: tabellerna är beräknade ur gällande data när rapporten framställdes och kan ändras om data ändras.")),
            new TableBlock(matrixTable),
            new TableBlock(evidence),
        };
        if (d.Allocation is { } alloc)
        {
            // Amounts per payment, what is withheld, and (workbook) the population each payment was split by.
            var payments = rules.Payments;
            object?[] Line(string label, Func<AllocationRow, bool> rowsOf)
            {
                var own = alloc.Rows.Where(rowsOf).ToList();
                var line = new List<object?> { label };
                line.AddRange(payments.Select(p => (object?)own.Where(x => x.PaymentId == p.Id).Sum(x => x.Amount)));
                line.Add(own.Sum(x => x.Withheld));
                line.AddRange(payments.Select(p => own.Where(x => x.PaymentId == p.Id).Select(x => x.Population).ToList())
                    .Select(pops => pops.All(v => v is null) ? null : (object?)pops.Sum()));
                return line.ToArray();
            }
            var rows = reference.Regions.Select(r => Line($"{r.Code} {r.Name}", x => x.RegionCode == r.Code)).Append(Line("Riket", _ => true)).ToList();
            var dates = payments.Select(p => (p, rules.PopulationOf(p))).Select(t => $"{t.p.NameSv}: folkmängd {IsoDate.ToText(t.Item2.ReferenceDate)}{(t.Item2.Provisional ? " (preliminärt referensdatum)" : "")}");
            blocks.Add(new TableBlock(new ReportTable("Fördelning", $"Fördelning per region i kronor, {rules.Year}",
                [Col("Region"), .. payments.Select(p => Col(p.NameSv, ColumnKind.Kronor)), Col("Innehållet", ColumnKind.Kronor), .. payments.Select(p => Wb($"Folkmängd, {p.NameSv.ToLowerInvariant()}", ColumnKind.Count))], rows)
            {
                Note = $"{string.Join("; ", dates)}. Hela kronor enligt största-restmetoden. " +
                       $"En region som inte uppfyller villkoren: andelen {(d.Policy == FailedSharePolicy.Redistribute ? "omfördelas till övriga regioner efter folkmängd" : "hålls inne")}. " +
                       "Innehållet: andelar som inte betalas ut, och andelar som hålls inne så länge en region inte kan bedömas.",
            }));
        }
        else
        {
            blocks.Add(new ParagraphBlock($"Fördelningen i kronor kunde inte beräknas: {d.AllocationProblem}"));
        }
        blocks.Add(new TableBlock(new ReportTable("Avvikelser", $"Avvikelser och regionernas redovisning av förbättringsarbetet, {rules.Year}",
            [Col("Region"), Col("Villkor"), Col("Utfall"), Col("Underlag"), Col("Avvikelse"), Col("Regionens redovisning av förbättringsarbetet")],
            d.Deviations.Select(x => new object?[] { $"{x.RegionCode} {x.RegionName}", x.ConditionName, Outcome(x.Outcome), x.Evidence, x.Shortfall ?? Missing,
                x.RegionImprovementWork ?? (x.ReportReceived ? "(inget förbättringsarbete beskrivet)" : "(ingen redovisning inkommen)") }).ToList())
        { Note = "Regionernas egna formuleringar ur deras redovisningar, oredigerade." }));
        blocks.Add(new TableBlock(new ReportTable("Slutsatser", $"Sammanställning av villkor och utbetalningar, {rules.Year}",
            [Col("Villkor eller utbetalning"), Col("Uppfyllt", ColumnKind.Count), Col("Ej uppfyllt", ColumnKind.Count), Col("Kan ej bedömas", ColumnKind.Count),
             Col("Belopp", ColumnKind.Kronor), Col("Utbetalas", ColumnKind.Kronor), Col("Innehålls", ColumnKind.Kronor), Col("Preliminär")],
            d.Conclusions.Select(c => new object?[] { c.Name, (long)c.RegionsMet, (long)c.RegionsNotMet, (long)c.RegionsCannotAssess, c.Amount, c.Paid, c.Withheld, Yes(c.Provisional) }).ToList())));
        return new ReportSection("andra-utbetalningen", "Den andra utbetalningen: villkor, fördelning och avvikelser", blocks);
    }

    // ---- 5. Long waits ----------------------------------------------------------------------------------------------

    private static ReportSection LongWaits(NationalReportData d, ReferenceDataSet reference, AgreementRules rules)
    {
        object?[] Line(string label, string level, string unit, string svf)
        {
            var (b, k, m) = (d.Row(level, unit, svf, Both), d.Row(level, unit, svf, Women), d.Row(level, unit, svf, Men));
            return [label, b?.WithLimit, b?.OverLimit50, b?.OverLimit50Share, k?.OverLimit50Share, m?.OverLimit50Share, b?.OverLimit75, b?.OverLimit75Share, k?.OverLimit75Share, m?.OverLimit75Share];
        }
        ReportColumn[] columns =
        [
            Col("Enhet"), Col("Behandlade med ledtid", ColumnKind.Count), Wb("Över 50 % antal", ColumnKind.Count), Col("Över 50 % andel", ColumnKind.Share),
            Col("Över 50 % kvinnor", ColumnKind.Share), Col("Över 50 % män", ColumnKind.Share), Wb("Över 75 % antal", ColumnKind.Count), Col("Över 75 % andel", ColumnKind.Share),
            Col("Över 75 % kvinnor", ColumnKind.Share), Col("Över 75 % män", ColumnKind.Share),
        ];
        var perSvf = reference.Svfs.Where(s => (d.Row("nation", "SE", s.Code, Both)?.WithLimit ?? 0) > 0)
            .Select(s => Line(s.NameSv, "nation", "SE", s.Code)).Append(Line("Alla SVF", "nation", "SE", Total)).ToList();
        var perRegion = reference.Regions.Select(r => Line($"{r.Code} {r.Name}", "region", r.Code, Total)).Append(Line("Riket", "nation", "SE", Total)).ToList();
        return new ReportSection("langa-vantetider", "Väntetider som överskrider ledtiden med mer än 50 % och 75 %",
        [
            new ParagraphBlock($"Överenskommelserna har bett regionerna kartlägga patienter vars väntetid är mer än 75 % (2024) respektive 50 % (2025) längre än ledtiden. " +
                               $"Årets fördjupningsgräns enligt regelverket är {((double)rules.DeepDiveThreshold).ToString("P0", Culture)}. Andelarna räknas av behandlade patienter med definierad ledtid."),
            new TableBlock(new ReportTable("Över ledtid per SVF", $"Väntetid mer än 50 % och 75 % över ledtiden per SVF, riket, {d.Period}", columns, perSvf)),
            new TableBlock(new ReportTable("Över ledtid per region", $"Väntetid mer än 50 % och 75 % över ledtiden per region, alla SVF, {d.Period}", columns, perRegion)),
        ]);
    }

    // ---- 6. Why lead-time goals are missed --------------------------------------------------------------------------

    private static readonly ReportColumn[] SegmentColumns =
    [
        Col("Enhet"), Col("SVF"), Col("Över ledtid", ColumnKind.Count), Col("Inom ledtid", ColumnKind.Count), Col("Ej delbara", ColumnKind.Count),
        Col("Över: misstanke–besök", ColumnKind.Days), Col("Över: besök–beslut", ColumnKind.Days), Col("Över: beslut–behandling", ColumnKind.Days), Col("Över: totalt", ColumnKind.Days),
        Col("Inom: misstanke–besök", ColumnKind.Days), Col("Inom: besök–beslut", ColumnKind.Days), Col("Inom: beslut–behandling", ColumnKind.Days), Col("Inom: totalt", ColumnKind.Days),
        Col("Extra: misstanke–besök", ColumnKind.Days), Col("Extra: besök–beslut", ColumnKind.Days), Col("Extra: beslut–behandling", ColumnKind.Days), Col("Extra: totalt", ColumnKind.Days),
        Col("Största överskott i"), Col("Andel av överskottet", ColumnKind.Share),
    ];

    private static object?[] SegmentLine(SegmentSplitRow s, ReferenceDataSet reference) =>
    [
        s.UnitName, s.Svf == Total ? "Alla SVF" : reference.SvfsByCode[s.Svf].NameSv, s.OverLimit, s.WithinLimit, s.NotSplittable,
        s.OverToFirstVisit, s.OverToDecision, s.OverToTreatment, s.OverTotal, s.WithinToFirstVisit, s.WithinToDecision, s.WithinToTreatment, s.WithinTotal,
        s.ExcessToFirstVisit, s.ExcessToDecision, s.ExcessToTreatment, s.ExcessTotal, s.LargestExcessSegment?.NameSv() ?? Missing, s.LargestExcessShare,
    ];

    private static readonly ReportColumn[] SegmentShortColumns =
    [
        Col("Enhet"), Col("Över ledtid", ColumnKind.Count), Col("Inom ledtid", ColumnKind.Count),
        Col("Extra dagar: misstanke–besök", ColumnKind.Days), Col("Extra dagar: besök–beslut", ColumnKind.Days), Col("Extra dagar: beslut–behandling", ColumnKind.Days),
        Col("Extra dagar totalt", ColumnKind.Days), Col("Största överskott i"), Col("Andel av överskottet", ColumnKind.Share),
    ];

    private static object?[] SegmentShort(string label, SegmentSplitRow s) =>
        [label, s.OverLimit, s.WithinLimit, s.ExcessToFirstVisit, s.ExcessToDecision, s.ExcessToTreatment, s.ExcessTotal, s.LargestExcessSegment?.NameSv() ?? Missing, s.LargestExcessShare];

    private static ReportSection WhyMissed(NationalReportData d, ReferenceDataSet reference)
    {
        var nationSvf = d.Segments.Where(s => s.Level == "nation").ToList();
        var svfTable = new ReportTable("Segment per SVF", $"Var dagarna går förlorade: extra dagar per steg för patienter över ledtiden, per SVF, riket, {d.Period}",
            SegmentShortColumns, nationSvf.Select(s => SegmentShort(s.Svf == Total ? "Alla SVF" : reference.SvfsByCode[s.Svf].NameSv, s)).ToList())
        { Note = "Extra dagar = genomsnittligt antal dagar i steget för patienter över ledtiden minus detsamma för patienter inom ledtiden. Stegen summerar till hela ledtiden, så de extra dagarna summerar till skillnaden i total ledtid." };
        var regionTable = new ReportTable("Segment per region", $"Var dagarna går förlorade per region, alla SVF, {d.Period}",
            SegmentShortColumns, d.Segments.Where(s => s.Level == "region" && s.Svf == Total).Select(s => SegmentShort($"{s.UnitCode} {s.UnitName}", s)).ToList());
        var fullTable = new ReportTable("Segment alla", $"Dagar per steg för patienter över och inom ledtiden, per region och SVF, {d.Period}",
            SegmentColumns, d.Segments.Select(s => SegmentLine(s, reference)).ToList()) { InDocument = false };

        var top = nationSvf.Where(s => s.Svf != Total && s.OverTotal is not null).OrderByDescending(s => s.OverLimit ?? 0).ThenBy(s => s.Svf, StringComparer.Ordinal).Take(6).ToList();
        var categories = top.SelectMany(s => new[] { $"{reference.SvfsByCode[s.Svf].NameSv} – över", $"{reference.SvfsByCode[s.Svf].NameSv} – inom" }).ToList();
        var stacked = new StackedBarChartSpec("segment", "Dagar per steg, över och inom ledtiden", "Liggande staplade staplar: genomsnittligt antal dagar i varje steg för patienter över respektive inom ledtiden, för de sex SVF med flest patienter över ledtiden.",
            categories,
            [new ChartSeries(LeadTimeSegment.SuspicionToFirstVisit.NameSv(), top.SelectMany(s => new[] { s.OverToFirstVisit, s.WithinToFirstVisit }).ToList()),
             new ChartSeries(LeadTimeSegment.FirstVisitToDecision.NameSv(), top.SelectMany(s => new[] { s.OverToDecision, s.WithinToDecision }).ToList()),
             new ChartSeries(LeadTimeSegment.DecisionToTreatment.NameSv(), top.SelectMany(s => new[] { s.OverToTreatment, s.WithinToTreatment }).ToList())],
            "Dagar (medelvärde)");

        var sexRows = d.SexDifferences.Where(s => s.Level == "region").Append(d.SexDifferences.Single(s => s.Level == "nation"))
            .Select(s => new object?[]
            {
                s.Level == "nation" ? "Riket" : $"{s.UnitCode} {s.UnitName}", s.WomenShare, s.MenShare, s.CrudeDifference, s.CrudeCiLow, s.CrudeCiHigh,
                s.WomenStandardised, s.MenStandardised, s.StandardisedDifference, s.StandardisedCiLow, s.StandardisedCiHigh, Yes(s.Significant), (long)s.StrataUsed,
            }).ToList();
        var nationSex = d.SexDifferences.Single(s => s.Level == "nation");
        var sexTable = new ReportTable("Kvinnor och män", $"Andel inom ledtid, kvinnor jämfört med män, oviktat och standardiserat för SVF-mix, {d.Period}",
            [Col("Enhet"), Col("Kvinnor", ColumnKind.Share), Col("Män", ColumnKind.Share), Col("Skillnad (procentenheter)", ColumnKind.PointDifference), Wb("KI låg", ColumnKind.PointDifference), Wb("KI hög", ColumnKind.PointDifference),
             Col("Kvinnor standardiserat", ColumnKind.Share), Col("Män standardiserat", ColumnKind.Share), Col("Skillnad standardiserad (procentenheter)", ColumnKind.PointDifference),
             Col("Std KI låg", ColumnKind.PointDifference), Col("Std KI hög", ColumnKind.PointDifference), Col("Säkerställd"), Col("SVF i standarden", ColumnKind.Count)],
            sexRows)
        { Note = $"Skillnad = kvinnor minus män, i procentenheter, med 95 % konfidensintervall. Standarden är rikets fördelning över SVF av båda könen, begränsad till SVF där båda könen finns ({nationSex.StrataUsed} SVF i riket; utelämnade: {(nationSex.StrataLeftOut.Length == 0 ? "inga" : nationSex.StrataLeftOut)}). Se avsnittet Metod." };
        var regions = d.SexDifferences.Where(s => s.Level == "region").ToList();
        var sexChart = new BarChartSpec("kon-standardiserad", "Skillnad kvinnor minus män i andel inom ledtid", "Liggande staplar: skillnaden mellan kvinnor och män per region, oviktad och standardiserad för SVF-mix, med 95 % konfidensintervall för den standardiserade.",
            regions.Select(s => s.UnitName).ToList(),
            [new ChartSeries("Oviktad", regions.Select(s => s.CrudeDifference).ToList()),
             new ChartSeries("Standardiserad", regions.Select(s => s.StandardisedDifference).ToList()) { Low = regions.Select(s => s.StandardisedCiLow).ToList(), High = regions.Select(s => s.StandardisedCiHigh).ToList() }],
            "Skillnad (procentenheter)", Percent: true) { Goal = 0, GoalLabel = "Ingen skillnad", Horizontal = true };

        return new ReportSection("varfor", "Varför ledtidsmålen inte nås",
        [
            new ParagraphBlock("Avsnittet bygger enbart på data som redan samlas in: datumen för välgrundad misstanke, första besök, behandlingsbeslut och start av behandling i regionernas inrapportering, och regionernas egna redovisningar."),
        ])
        {
            Subsections =
            [
                new ReportSection("varfor-segment", "Var dagarna går förlorade",
                [
                    new ParagraphBlock("Ledtiden delas i tre steg: välgrundad misstanke → första besök, första besök → behandlingsbeslut och behandlingsbeslut → start av behandling. " +
                                       "För patienter över ledtiden jämförs den genomsnittliga tiden i varje steg med patienter inom ledtiden i samma SVF och region; skillnaden visar i vilket steg de extra dagarna uppstår."),
                    new TableBlock(svfTable), new ChartBlock(stacked), new TableBlock(regionTable), new TableBlock(fullTable),
                ]),
                new ReportSection("varfor-kon", "Kvinnor och män: en rättvis jämförelse",
                [
                    new ParagraphBlock("Kvinnor och män utreds i olika SVF med olika ledtider och olika måluppfyllelse. Den oviktade skillnaden kan därför bero på SVF-mixen. " +
                                       "Den standardiserade skillnaden jämför kvinnor och män som om båda hade rikets SVF-fördelning (direkt standardisering)."),
                    new TableBlock(sexTable), new ChartBlock(sexChart),
                ]),
                new ReportSection("varfor-hinder", "Regionernas beskrivna hinder", [.. Obstacles(d)]),
            ],
        };
    }

    private static IEnumerable<ReportBlock> Obstacles(NationalReportData d)
    {
        var regions = d.Obstacles.SelectMany(o => o.RegionCodes.Split(", ", StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).Count();
        yield return new ParagraphBlock($"Regionerna beskriver i sina redovisningar systematiska hinder i SVF där väntetiderna överskrider ledtiden. Tabellen grupperar beskrivningarna per SVF bredvid SVF:ets siffror ({d.Obstacles.Sum(o => o.Mentions)} beskrivningar från {regions} regioner).");
        var rows = d.Obstacles.Select(o => new object?[]
        {
            o.SvfName, o.WomenWithinLimitShare, o.MenWithinLimitShare, o.OverLimit50Share, o.LargestExcessSegment?.NameSv() ?? Missing, o.Regions, o.Descriptions,
        }).ToList();
        yield return new TableBlock(new ReportTable("Hinder per SVF", $"Regionernas beskrivna hinder per SVF, {d.Request.Year}",
            [Col("SVF"), Col("Inom ledtid kvinnor", ColumnKind.Share), Col("Inom ledtid män", ColumnKind.Share), Col("Över 50 % andel", ColumnKind.Share),
             Col("Största överskott i"), Col("Regioner", ColumnKind.Count), Col("Regionernas beskrivning")], rows)
        { Note = "Regionernas egna formuleringar; likalydande beskrivningar slås samman och regionerna anges inom parentes." });
    }

    // ---- 7. Trend ---------------------------------------------------------------------------------------------------

    private static ReportSection Trend(NationalReportData d, IndicatorOptions options)
    {
        var periods = d.TrendRows.Select(r => r.Period).Distinct().ToList();
        IndicatorRow? At(string p, string sex) => d.TrendRows.FirstOrDefault(r => r.Period == p && r.Sex == sex);
        var rows = periods.Select(p => new object?[]
        {
            p, At(p, Women)?.WithLimit, At(p, Men)?.WithLimit, At(p, Women)?.WithinLimitShare, At(p, Men)?.WithinLimitShare, At(p, Both)?.WithinLimitShare,
            At(p, Women)?.LeadTimeMedian, At(p, Men)?.LeadTimeMedian, At(p, Both)?.InclusionRate,
        }).ToList();
        var chart = new LineChartSpec("trend", "Andel inom ledtid per kvartal, riket", "Linjediagram: andel inom ledtid per kvartal för kvinnor, män och totalt, med målet 80 %.",
            periods, [new ChartSeries("Kvinnor", periods.Select(p => At(p, Women)?.WithinLimitShare).ToList()), new ChartSeries("Män", periods.Select(p => At(p, Men)?.WithinLimitShare).ToList()),
                      new ChartSeries("Totalt", periods.Select(p => At(p, Both)?.WithinLimitShare).ToList())],
            "Andel inom ledtid", Percent: true) { Goal = (double)options.LeadTimeGoal, GoalLabel = $"Mål {Percent((double)options.LeadTimeGoal, 0)}" };
        return new ReportSection("trend", "Utveckling över tid",
        [
            new ParagraphBlock($"Alla kvartal som finns i lagrade data till och med {d.Period}. Ett kvartal som bara delvis är inrapporterat ger osäkra värden; täckningen per region framgår av inrapporteringen i avsnittet Metod."),
            new TableBlock(new ReportTable("Trend", "Riket per kvartal, alla SVF",
                [Col("Kvartal"), Col("Behandlade kvinnor", ColumnKind.Count), Col("Behandlade män", ColumnKind.Count), Col("Inom ledtid kvinnor", ColumnKind.Share),
                 Col("Inom ledtid män", ColumnKind.Share), Col("Inom ledtid totalt", ColumnKind.Share), Col("Median dagar kvinnor", ColumnKind.Days), Col("Median dagar män", ColumnKind.Days),
                 Col("Inklusion totalt", ColumnKind.Share)], rows)),
            new ChartBlock(chart),
        ]);
    }

    // ---- 8. Special investments -------------------------------------------------------------------------------------

    private static ReportSection Investments(NationalReportData d)
    {
        var first = d.Request.Kind == NationalReportKind.Interim;
        var needed = first
            ? new[] { "vilka kriterier som använts för att fördela medlen", "hur stor andel av medlen för varje område som varje RCC har fördelat vidare", "vilka projekt som beviljats medel och hur många" }
            : new[] { "en beskrivning av de projekt som beviljats medel", "förslag på fortsatt utvecklingsarbete", "goda exempel", "övergripande resultat på kort och lång sikt, inklusive satsningarnas effekt på ledtider inom SVF" };
        var title = first ? "Första lägesbilden över de särskilda satsningarna" : "Andra lägesbilden över de särskilda satsningarna";
        var l = d.Lagesbild;
        if (l is null || !l.Rows.Any(r => r.Reported))
        {
            return new ReportSection("satsningar", title,
            [
                new ParagraphBlock("Underlag om de särskilda satsningarna (primärvård, patologi, bild- och funktionsmedicin samt rehabilitering, palliativ vård, seneffekter och aktiva överlämningar) " +
                                   (l is null ? $"saknas för {d.Request.Year}: det finns ingen fördelning av satsningarnas medel i regelverket för året. " : $"har inte kommit in från något RCC för {d.Request.Year}. ") +
                                   "Lägesbilden kan därför inte redovisas ur lagrade data i denna version av rapporten. Det som saknas är:"),
                new ListBlock(needed),
            ]);
        }
        var missing = l.Rows.Where(r => !r.Reported).GroupBy(r => r.RccName).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.AreaName))}").ToList();
        var blocks = new List<ReportBlock>
        {
            new ParagraphBlock($"Lägesbilden bygger på RCC:s redovisningar av de särskilda satsningarna {d.Request.Year}: per RCC och område de kriterier som använts för fördelningen, " +
                               "hur mycket av de tilldelade medlen som fördelats vidare och vilka projekt som beviljats medel."),
            new TableBlock(new ReportTable("Lägesbild", $"Särskilda satsningar per RCC och område, {d.Request.Year}",
                [Col("RCC"), Col("Område"), Col("Tilldelat", ColumnKind.Kronor), Col("Kriterier för fördelning"), Col("Fördelat vidare", ColumnKind.Kronor),
                 Col("Andel fördelad vidare", ColumnKind.Share), Col("Projekt", ColumnKind.Count), Col("Projektens namn"), Wb("Goda exempel", ColumnKind.Count), Wb("Redovisning (version)", ColumnKind.Count)],
                l.Rows.Select(r => new object?[] { r.RccName, r.AreaName, r.Allocated, r.Reported ? r.Criteria ?? Missing : "(ej redovisat)", r.AmountPassedOn, r.SharePassedOn,
                    (long)r.Projects, r.ProjectNames, (long)r.GoodExamples, r.VersionNumber is { } v ? (long)v : null }).ToList())
            { Note = "Tilldelat enligt fördelningen av satsningarnas medel i regelverket; fördelat vidare och projekt enligt RCC:s redovisning. RCC:s egna formuleringar." }),
        };
        if (missing.Count > 0)
        {
            blocks.Add(new ParagraphBlock("Redovisning saknas för: " + string.Join("; ", missing) + "."));
        }
        if (!first)
        {
            blocks.Add(new TableBlock(new ReportTable("Projekt", $"Projekt som beviljats medel, {d.Request.Year}",
                [Col("RCC"), Col("Område"), Col("Projekt"), Col("Regioner"), Col("Belopp", ColumnKind.Kronor), Col("Start", ColumnKind.Date), Col("Status"), Col("Syfte"), Col("Resultat"), Col("Gott exempel")],
                l.Projects.Select(p => new object?[] { p.RccName, p.Area, p.Name, p.Regions, p.Amount, p.StartDate, p.Status, p.Aim, p.Results ?? Missing, Yes(p.GoodExample) }).ToList())));
            blocks.Add(new TableBlock(new ReportTable("Effekt på ledtider", $"Projektens effekt på ledtider (skillnad-i-skillnader), {d.Request.Year}",
                [Col("Projekt"), Col("SVF"), Col("Mått"), Col("Före (projektregioner)", ColumnKind.Share), Col("Efter (projektregioner)", ColumnKind.Share),
                 Col("Före (jämförelse)", ColumnKind.Share), Col("Efter (jämförelse)", ColumnKind.Share), Wb("Behandlade före", ColumnKind.Count), Wb("Behandlade efter", ColumnKind.Count)],
                d.Effect.Where(e => e.Measure == "within_limit_share").Select(e => new object?[] { e.ProjectName, e.Svf, "andel inom ledtid", e.TreatedBefore, e.TreatedAfter, e.ComparisonBefore, e.ComparisonAfter, (long)e.TreatedBeforeN, (long)e.TreatedAfterN }).ToList())
            { Note = "Andel inom ledtid i projektets regioner och SVF före och efter projektstart, jämfört med övriga regioner; se docs för satsningarna." }));
        }
        if (l.Caveats.Count > 0)
        {
            blocks.Add(new ParagraphBlock("Förbehåll för lägesbilden: " + string.Join(" ", l.Caveats)));
        }
        return new ReportSection("satsningar", title, blocks);
    }

    // ---- 9. Method --------------------------------------------------------------------------------------------------

    private static IReadOnlyList<(string, string)> Definitions(IndicatorOptions options, AgreementRules rules) =>
    [
        ("Ledtid", "Kalenderdagar från välgrundad misstanke till start av första behandling (samma dag = 0)."),
        ("Inom ledtid", "Ledtiden är högst SVF:ets ledtid för den givna behandlingen (ledtider.csv, versionen som gällde vid behandlingsstart)."),
        ("Andel inom ledtid", $"Behandlade inom ledtid delat med behandlade med definierad ledtid; målet är {Percent((double)options.LeadTimeGoal, 0)}."),
        ("Inklusionsgrad", $"Förlopp avslutade med cancer bekräftad delat med antal nya cancerfall som regionen rapporterat; målet är {Percent((double)options.InclusionGoal, 0)}."),
        ("Över 50 % / 75 %", "Ledtiden är mer än 1,5 respektive 1,75 gånger SVF:ets ledtid."),
        ("Steg", "Välgrundad misstanke → första besök, första besök → behandlingsbeslut, behandlingsbeslut → start av behandling. Stegen summerar till ledtiden."),
        ("Extra dagar", "Genomsnittlig tid i ett steg för patienter över ledtiden minus genomsnittlig tid i steget för patienter inom ledtiden."),
        ("Standardiserad skillnad", "Andel inom ledtid för kvinnor minus för män, när båda viktas med rikets fördelning över SVF (båda könen). Se docs/lead-time-analyses.md."),
        ("Konfidensintervall", "95 %. Andelar: Wilson. Skillnader: normalapproximation."),
        ("Publiceringsregel", $"Antal 1–{options.MinPublishedCellSize - 1} och andelar, medianer och medelvärden av färre än {options.MinPublishedCellSize} patienter visas inte (–)."),
        ("–", "Värdet saknas, kan inte beräknas eller visas inte enligt publiceringsregeln."),
        ("Preliminär", $"Parametern i regelverket för {rules.Year} är inte bekräftad mot överenskommelsens text."),
    ];

    private static ReportSection Method(NationalReportData d, IndicatorOptions options)
    {
        var p = d.Provenance;
        var nation = d.Row("nation", "SE", Total, Both);
        var notSplittable = d.Segments.FirstOrDefault(s => s.Level == "nation" && s.Svf == Total)?.NotSplittable;
        var submissions = new ReportTable("Underlag inrapportering", "Gällande inrapporterade filer som rapporten bygger på",
            [Col("Region"), Col("Typ"), Col("Period"), Col("Version", ColumnKind.Count), Col("Inlämning", ColumnKind.Count), Col("Fil"), Col("SHA-256 (början)"), Col("Mottagen", ColumnKind.Date)],
            p.Submissions.Select(s => new object?[] { s.RegionCode, s.Kind == "pathways" ? "förlopp" : "nya fall", s.Period, (long)s.Version, s.Id, s.FileName, s.ContentSha256[..Math.Min(16, s.ContentSha256.Length)], Svf.Domain.SwedishTime.Date(s.ReceivedAtUtc) }).ToList())
        { Note = "Varje fil är en version av en regions inrapportering; en rättad fil ersätter den tidigare, och bara gällande versioner räknas." };
        var parameters = new ReportTable("Parametrar", "Parametrar och regelverk",
            [Col("Parameter"), Col("Värde")],
            [.. p.Parameters.Select(x => new object?[] { x.Name, x.Value }),
             ["Regelverk", $"agreement-{d.Request.Year}.json: {d.Request.Rules.Title}"], ["Regelverkets källa", p.RulesSource],
             ["Regelverkets fingeravtryck (SHA-256)", p.RulesFingerprint], ["Referensdatas fingeravtryck (SHA-256)", p.ReferenceDataFingerprint]]);
        var quality = new List<string>
        {
            $"Behandlade utan definierad ledtid för SVF och behandling: {Number(nation?.NoLimitDefined ?? 0)} (ingår inte i andelen inom ledtid).",
            $"Behandlade mätta mot en ledtid som är känd som ersatt: {Number(nation?.LimitSuperseded ?? 0)} (flaggas i tabellerna i indikatorexporten).",
            $"Behandlade med ledtid som inte kan delas i steg (datum saknas eller i fel ordning): {(notSplittable is { } n ? Number(n) : Missing)}.",
            $"Gällande inrapporterade filer med varningar: {p.Submissions.Count(s => s.WarningCount > 0)} av {p.Submissions.Count}, sammanlagt {Number(p.Submissions.Sum(s => (long)s.WarningCount))} varningar; återkopplingen per fil finns i systemet (svf feedback).",
        };
        return new ReportSection("metod", "Metod, underlag och datakvalitet",
        [
            new ParagraphBlock("Rapporten är framställd av systemet ur lagrade data; inga siffror är inskrivna för hand. Samma underlag (filversioner, regelverk, referensdata och parametrar nedan) ger samma siffror: " +
                               $"siffrornas fingeravtryck står på sista raden i detta avsnitt."),
            new ListBlock(Definitions(options, d.Request.Rules).Select(x => $"{x.Item1}: {x.Item2}").ToList()),
        ])
        {
            Subsections =
            [
                new ReportSection("metod-underlag", "Underlag", [new TableBlock(parameters), new TableBlock(submissions)]),
                new ReportSection("metod-kvalitet", "Datakvalitet", [new ListBlock(quality)]),
                new ReportSection("metod-forbehall", "Förbehåll: preliminära parametrar",
                [
                    d.Assessment.Caveats.Count == 0
                        ? new ParagraphBlock("Inga parametrar i regelverket är markerade som preliminära.")
                        : new ParagraphBlock($"Följande {d.Assessment.Caveats.Count} värden i regelverket för {d.Request.Year} ges inte av källorna och är preliminära; bedömningen och fördelningen kan ändras när de bekräftats:"),
                    new ListBlock(d.Assessment.Caveats),
                    new ParagraphBlock("Metoden för analyserna (steg och standardisering) med räkneexempel finns i docs/lead-time-analyses.md."),
                ]),
            ],
        };
    }

    // ---- 10. Appendix per region ------------------------------------------------------------------------------------

    private static ReportSection Appendix(NationalReportData d, ReferenceDataSet reference)
    {
        var subsections = new List<ReportSection>();
        foreach (var region in reference.Regions)
        {
            var rows = new List<object?[]>();
            foreach (var svf in reference.Svfs)
            {
                var (b, k, m) = (d.Row("region", region.Code, svf.Code, Both), d.Row("region", region.Code, svf.Code, Women), d.Row("region", region.Code, svf.Code, Men));
                if (b is null || ((b.Started ?? 0) == 0 && (b.Treated ?? 0) == 0 && !b.Suppressed))
                {
                    continue;
                }
                rows.Add([svf.NameSv, b.Started, k?.WithLimit, m?.WithLimit, k?.WithinLimitShare, m?.WithinLimitShare, b.WithinLimitShare, b.LeadTimeMedian, b.OverLimit50Share, b.InclusionRate]);
            }
            var total = d.Row("region", region.Code, Total, Both);
            var decisions = d.Assessment.Decisions.Where(x => x.RegionCode == region.Code && d.Request.Rules.Payments.Single(p => p.Id == x.PaymentId).Eligibility == PaymentEligibility.Conditions)
                .Select(x => $"{d.Request.Rules.Payments.Single(p => p.Id == x.PaymentId).NameSv}: {Outcome(x.Outcome)}");
            var letter = d.Letters.FirstOrDefault(l => l.RegionCode == region.Code);
            var seg = d.Segments.FirstOrDefault(s => s.Level == "region" && s.UnitCode == region.Code && s.Svf == Total);
            subsections.Add(new ReportSection($"bilaga-{region.Code}", $"{region.Code} {region.Name}",
            [
                new ParagraphBlock($"Inom ledtid {Percent(total?.WithinLimitShare)}, inklusion {Percent(total?.InclusionRate)}. " +
                                   $"Redovisning: {(letter is null ? Missing : ReportFeedbackLetter.StatusText(letter.Status))}. {string.Join(". ", decisions)}." +
                                   (seg?.LargestExcessSegment is { } l ? $" Störst överskott för patienter över ledtiden: {l.NameSv()}." : "")),
                new TableBlock(new ReportTable(SheetName($"Bilaga {region.Code} {region.Name}"), $"{region.Name} per SVF, {d.Period}",
                    [Col("SVF"), Col("Startade förlopp", ColumnKind.Count), Col("Behandlade kvinnor", ColumnKind.Count), Col("Behandlade män", ColumnKind.Count),
                     Col("Inom ledtid kvinnor", ColumnKind.Share), Col("Inom ledtid män", ColumnKind.Share), Col("Inom ledtid totalt", ColumnKind.Share),
                     Col("Median dagar", ColumnKind.Days), Col("Över 50 % andel", ColumnKind.Share), Col("Inklusion", ColumnKind.Share)], rows)),
            ]));
        }
        return new ReportSection("bilaga", "Bilaga: regionerna", [new ParagraphBlock("En sida per region med siffrorna per SVF.")]) { Subsections = subsections };
    }

    /// <summary>Workbook sheet names: at most 31 characters, none of []:*?/\.</summary>
    internal static string SheetName(string name)
    {
        var clean = new string(name.Where(ch => "[]:*?/\\".IndexOf(ch) < 0).ToArray());
        return clean.Length <= 31 ? clean : clean[..31].TrimEnd();
    }
}
