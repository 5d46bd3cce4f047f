using Svf.Application;
using Svf.Generation;
using Svf.Reports;
using Svf.Storage;
using Svf.Tests.Support;
using static Svf.Tests.Support.AppTestData;

namespace Svf.Tests.Application;

/// <summary>Yearly reports: template, save, versions, status and feedback, scoped to the caller and audited.</summary>
public class YearlyReportUseCasesTests
{
    private static readonly Caller Stockholm = Caller.RegionReporterOf("samordnare-01", "01");
    private static readonly Caller Uppsala = Caller.RegionReporterOf("samordnare-03", "03");
    private static readonly Caller Analyst = Caller.Analyst("analytiker");

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_region_saves_only_its_own_report_and_a_refusal_is_audited(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var reports = AssessmentUseCasesTests.Reports(t.Db);
        var draft = reports.Template(Stockholm, 2025, "01");
        draft.Region.ShouldBe("01");
        AuditLog.Read(t.Db).First().Action.ShouldBe("report.template");

        var saved = reports.SaveDraft(Stockholm, draft);
        saved.ShouldSatisfyAllConditions(s => s.VersionNumber.ShouldBe(1), s => s.Status.ShouldBe(ReportStatus.Draft), s => s.SavedBy.ShouldBe("samordnare-01"));
        AuditLog.Read(t.Db).First().Action.ShouldBe("report.draft_saved");

        Should.Throw<AccessDeniedException>(() => reports.Submit(Uppsala, draft));
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("report.save.denied"), e => e.Actor.ShouldBe("samordnare-03"), e => e.RegionCode.ShouldBe("01"));
        Should.Throw<AccessDeniedException>(() => reports.Template(Uppsala, 2025, "01"));
        AuditLog.Read(t.Db).First().Action.ShouldBe("report.template.denied");
        Should.Throw<AccessDeniedException>(() => reports.Submit(Caller.RccCoordinatorOf("rcc", "Stockholm-Gotland"), draft));
        // Only the national operator enters a report received earlier by other means.
        Should.Throw<AccessDeniedException>(() => reports.Submit(Stockholm, draft, new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero)));

        // Uppsala's report came by other means on 10 September; the analyst enters it on the 15th.
        var uppsala = reports.Template(Analyst, 2025, "03");
        var backDated = reports.Submit(Analyst, uppsala, new DateTimeOffset(2025, 9, 10, 8, 0, 0, TimeSpan.Zero));
        backDated.ShouldSatisfyAllConditions(s => s.VersionNumber.ShouldBe(1), s => s.SavedBy.ShouldBe("analytiker"),
            s => s.SavedAtUtc.ShouldBe(new DateTime(2025, 9, 10, 8, 0, 0, DateTimeKind.Utc)));
        Should.Throw<ArgumentException>(() => reports.Submit(Analyst, uppsala, new DateTimeOffset(2025, 9, 16, 8, 0, 0, TimeSpan.Zero)))
            .Message.ShouldContain("future");
        reports.Submit(Stockholm, draft).VersionNumber.ShouldBe(2);
        Should.Throw<ArgumentException>(() => reports.Submit(Analyst, draft with { Region = "02" })).Message.ShouldContain("'02'");

        reports.Versions(Stockholm, 2025, "01").Select(v => v.VersionNumber).ShouldBe([1, 2]);
        Should.Throw<AccessDeniedException>(() => reports.Versions(Uppsala, 2025, "01"));
        AuditLog.Read(t.Db).First().Action.ShouldBe("report.versions.denied");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Status_shows_each_caller_its_regions_and_only_analysts_send_feedback(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await AssessmentUseCasesTests.Seed(t.Db);
        var reports = AssessmentUseCasesTests.Reports(t.Db);
        // Gotland (09) submits an incomplete report (no PREM answer, no texts).
        var gotland = Caller.RegionReporterOf("samordnare-09", "09");
        reports.Submit(gotland, reports.Template(gotland, 2025, "09"));

        reports.Status(Analyst, 2025).Count.ShouldBe(21);
        reports.Status(Stockholm, 2025).Single().ShouldSatisfyAllConditions(l => l.RegionCode.ShouldBe("01"), l => l.Status.ShouldBe(RegionReportingStatus.Complete));
        reports.Status(Caller.RccCoordinatorOf("rcc", "Stockholm-Gotland"), 2025).Select(l => l.RegionCode).ShouldBe(["01", "09"]);
        reports.Letter(gotland, 2025, "09").Status.ShouldBe(RegionReportingStatus.Incomplete);
        Should.Throw<AccessDeniedException>(() => reports.Letter(gotland, 2025, "01"));
        Should.Throw<AccessDeniedException>(() => reports.Status(Caller.Ministry("d"), 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("report.status.denied");

        Should.Throw<AccessDeniedException>(() => reports.RecordFeedbackSent(gotland, 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("report.feedback.denied");
        var after = reports.RecordFeedbackSent(Analyst, 2025);
        after.Single(l => l.RegionCode == "09").Status.ShouldBe(RegionReportingStatus.FeedbackSent);
        after.Single(l => l.RegionCode == "01").Status.ShouldBe(RegionReportingStatus.Complete);
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("report.feedback_sent"), e => e.RegionCode.ShouldBe("09"));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Reporting_status_overview_of_the_regions(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await AssessmentUseCasesTests.Seed(t.Db);
        // The overview on 3 October 2025: the deadline (30 September) has passed.
        var october = new FixedClock(new DateTimeOffset(2025, 10, 3, 10, 0, 0, TimeSpan.Zero));
        // Halland (13) submits a complete report three days late.
        var halland = Caller.RegionReporterOf("samordnare-13", "13");
        var late = AssessmentUseCasesTests.Reports(t.Db, october);
        late.Submit(halland, SyntheticReports.Complete(late.Template(halland, 2025, "13"), Catalog.ForYear(2025), 0.7));
        var overview = new ReportingStatusOverview(t.Db, Svf.ReferenceData.ReferenceDataSet.Embedded, Catalog, new Svf.Indicators.IndicatorOptions(), october);

        var rows = overview.Regions(Caller.Analyst("analytiker"), 2025);
        rows.Count.ShouldBe(21);
        rows.Single(r => r.RegionCode == "01").ShouldSatisfyAllConditions(
            r => r.MonthsReported.ShouldBe(6),                 // 2025-H1 sent; July–October begun and missing
            r => r.MonthsMissing.ShouldBe(["2025-07", "2025-08", "2025-09", "2025-10"]),
            r => r.NewCasesReceived.ShouldBeTrue(),
            r => r.ReportStatus.ShouldBe(RegionReportingStatus.Complete),
            r => r.ReportLate.ShouldBeFalse());
        rows.Single(r => r.RegionCode == "13").ShouldSatisfyAllConditions(
            r => r.MonthsReported.ShouldBe(0),
            r => r.ReportStatus.ShouldBe(RegionReportingStatus.Complete),
            r => r.ReportLate.ShouldBeTrue());
        rows.Single(r => r.RegionCode == "25").ShouldSatisfyAllConditions(
            r => r.ReportStatus.ShouldBe(RegionReportingStatus.NotReceived),
            r => r.ReportLate.ShouldBeTrue(),                 // not received and the deadline has passed
            r => r.LastReceivedAtUtc.ShouldBeNull());
        AuditLog.Read(t.Db).First().Action.ShouldBe("reporting_status.read");

        overview.Regions(Caller.RccCoordinatorOf("rcc", "Norr"), 2025).Select(r => r.RegionCode).ShouldBe(["22", "23", "24", "25"]);
        overview.Regions(Stockholm, 2025).Single().RegionCode.ShouldBe("01");
        Should.Throw<AccessDeniedException>(() => overview.Regions(Caller.Ministry("d"), 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("reporting_status.denied");
    }
}
