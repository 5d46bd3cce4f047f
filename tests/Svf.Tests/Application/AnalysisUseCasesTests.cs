using System.Globalization;
using Svf.Analysis;
using Svf.Application;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Storage;
using Svf.Tests.Analysis;
using Svf.Tests.Support;
using static Svf.Tests.Support.AppTestData;
using C = Svf.Ingestion.SubmissionColumns;

namespace Svf.Tests.Application;

/// <summary>The analyses as tables through the use case: the hand-worked examples from stored data, scope per role, audit; on SQLite and PostgreSQL.</summary>
public class AnalysisUseCasesTests
{
    /// <summary>
    /// Stockholm (01): the five breast-cancer pathways of docs/lead-time-analyses.md §1 (all women). Uppsala (03): two men,
    /// 20 and 40 days. Reports: §3's three regions (submitted), then a later draft of Uppsala's naming another SVF.
    /// </summary>
    internal static async Task Seed(SvfDatabase db)
    {
        var uc = Submissions(db, AssessmentUseCasesTests.September);
        var csv = new CsvBuilder();
        foreach (var (visit, decision, treatment) in new (int, int?, int)[] { (2, 16, 10), (4, 18, 8), (3, 30, 12), (5, 35, 10), (5, null, 55) })
        {
            var start = new DateOnly(2025, 3, 3);
            csv.Row(r =>
            {
                r[C.SuspicionDate] = Iso(start);
                r[C.FirstVisitDate] = Iso(start.AddDays(visit));
                r[C.TreatmentDecisionDate] = decision is { } d ? Iso(start.AddDays(visit + d)) : "";
                r[C.TreatmentStartDate] = Iso(start.AddDays(visit + (decision ?? 0) + treatment));
            });
        }
        await Send(uc, SubmissionKind.Pathways, "01", "2025", csv.Text());
        var men = new CsvBuilder();
        foreach (var days in new[] { 20, 40 })
        {
            men.Row(r =>
            {
                r[C.Sex] = "M";
                r[C.FirstVisitDate] = r[C.TreatmentDecisionDate] = r[C.SuspicionDate];
                r[C.TreatmentStartDate] = Iso(new DateOnly(2025, 3, 3).AddDays(days));
            }, "03");
        }
        await Send(uc, SubmissionKind.Pathways, "03", "2025", men.Text());
        foreach (var report in ObstacleGroupingTests.Reports.Values)
        {
            RegionReportStore.Save(db, report, submit: true, $"samordnare-{report.Region}", AssessmentUseCasesTests.September);
        }
        RegionReportStore.Save(db, ObstacleGroupingTests.Reports["03"] with { Obstacles = [new("MATSTRUPE_MAGSACK", "Utkast")] }, submit: false, "samordnare-03",
            new FixedClock(new DateTimeOffset(2025, 9, 20, 10, 0, 0, TimeSpan.Zero)));
    }

    private static string Iso(DateOnly d) => IsoDate.ToText(d);

    private static AnalysisUseCases Service(SvfDatabase db) => new(db, ReferenceDataSet.Embedded, new IndicatorOptions());

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_segment_split_from_stored_data_is_the_hand_worked_one(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var rows = Service(t.Db).Segments(Caller.Analyst("analytiker"), 2025);

        var r = rows.Single(x => x.Level == "region" && x.UnitCode == "01" && x.Svf == "BROST");
        (r.WithinLimit, r.OverLimit, r.NotSplittable).ShouldBe((2L, 2L, 1L));
        (r.ExcessToFirstVisit, r.ExcessToDecision, r.ExcessToTreatment, r.ExcessTotal).ShouldBe((1.0, 15.5, 2.0, 18.5));
        r.LargestExcessSegment.ShouldBe(LeadTimeSegment.FirstVisitToDecision);
        r.LargestExcessShare!.Value.ShouldBe(15.5 / 18.5, 1e-12);
        // Uppsala's two pathways (20 and 40 days, 0 days between the first three dates): one within, one over.
        var uppsala = rows.Single(x => x.Level == "region" && x.UnitCode == "03" && x.Svf == "BROST");
        (uppsala.WithinToTreatment, uppsala.OverToTreatment).ShouldBe((20.0, 40.0));
        rows.Single(x => x.Level == "nation" && x.Svf == "BROST").ShouldSatisfyAllConditions(n => n.OverLimit.ShouldBe(3), n => n.WithinLimit.ShouldBe(3));
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("analysis.read"), e => e.Detail.ShouldBe("segments 2025: 6 rader"));

        // Under the publication rule (fewer than 5 over or within) no means are shown.
        Service(t.Db).Segments(Caller.Analyst("analytiker"), 2025, forPublication: true).ShouldAllBe(x => x.ExcessTotal == null);
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Each_role_sees_the_nation_and_its_regions_and_only_analysts_and_the_ministry_the_obstacles(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var service = Service(t.Db);
        var stockholm = Caller.RegionReporterOf("samordnare-01", "01");

        service.Segments(stockholm, 2025).Select(r => r.UnitCode).Distinct().ShouldBe(["SE", "01"]);
        service.SexDifferences(stockholm, 2025).Select(r => r.UnitCode).ShouldBe(["SE", "01"]);
        service.SexDifferences(Caller.Analyst("a"), 2025).Count.ShouldBe(1 + ReferenceDataSet.Embedded.Regions.Count);
        // The nation: five women (two within 35 days), two men (one within).
        var nation = service.SexDifferences(Caller.Analyst("a"), 2025).Single(r => r.Level == "nation");
        (nation.WomenTreated, nation.WomenWithin, nation.MenTreated, nation.MenWithin).ShouldBe((5L, 2L, 2L, 1L));
        nation.CrudeDifference!.Value.ShouldBe(0.4 - 0.5, 1e-12);
        // The ministry always gets the publication rule: fewer than 5 men, nothing shown.
        service.SexDifferences(Caller.Ministry("departementet"), 2025).Single(r => r.Level == "nation").ShouldSatisfyAllConditions(
            r => r.Suppressed.ShouldBeTrue(), r => r.WomenTreated.ShouldBeNull());

        Should.Throw<AccessDeniedException>(() => service.Obstacles(stockholm, 2025));
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("analysis.denied"), e => e.Actor.ShouldBe("samordnare-01"));
        Should.Throw<AccessDeniedException>(() => service.Segments(new Caller("admin", Role.Administrator), 2025));

        // The obstacles of the latest submitted reports (Uppsala's later draft is not used), next to the stored figures.
        var obstacles = service.Obstacles(Caller.Ministry("departementet"), 2025);
        obstacles.Select(o => o.Svf).ShouldBe(["BROST", "LUNG"]);
        obstacles[0].Descriptions.ShouldBe("Brist på bröstradiologer (Stockholms län, Uppsala län) | Lång väntan på MDK (Östergötlands län)");
        obstacles[0].LargestExcessSegment.ShouldBeNull(); // publication: fewer than 5 over the limit in the nation
        var internalRows = service.Obstacles(Caller.Analyst("a"), 2025);
        internalRows[0].ShouldSatisfyAllConditions(
            o => o.WomenWithinLimitShare.ShouldBe(0.4), o => o.MenWithinLimitShare.ShouldBe(0.5), o => o.LargestExcessSegment.ShouldBe(LeadTimeSegment.FirstVisitToDecision));
    }

    [Fact]
    public void The_three_tables_are_written_as_csv_with_their_documented_columns()
    {
        var rows = ObstacleGrouping.Compute(2025, ObstacleGroupingTests.Reports, ObstacleGroupingTests.Figures, ObstacleGroupingTests.Segments, ReferenceDataSet.Embedded);
        var w = new StringWriter(CultureInfo.InvariantCulture);
        TableExport.WriteCsv(rows, w);
        var lines = w.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("year;svf;svf_name;women_within_limit_share;men_within_limit_share;over_limit_50pct_share;largest_excess_segment;regions;region_codes;mentions;descriptions");
        lines[1].ShouldBe("2025;BROST;Bröstcancer;0.8;0.5;0.1;first_visit_to_decision;3;01, 03, 05;3;Brist på bröstradiologer (Stockholms län, Uppsala län) | Lång väntan på MDK (Östergötlands län)");
        lines[2].ShouldBe("2025;LUNG;Lungcancer;;;;;1;01;1;Väntan på PET-DT (Stockholms län)");
        TableExport.ColumnNames<SegmentSplitRow>().ShouldContain("largest_excess_segment");
        TableExport.ColumnNames<SexDifferenceRow>().ShouldContain("standardised_ci_low");
    }
}
