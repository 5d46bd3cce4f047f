using Svf.Application;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;
using static Svf.Tests.Support.AppTestData;

namespace Svf.Tests.Application;

/// <summary>Early warning for 2026 (inclusion 70 % in H1; lead times 80 % for breast, colon, rectum, prostate), hand-worked.</summary>
public class EarlyWarningTests
{
    private static readonly FixedClock April10 = new(new DateTimeOffset(2026, 4, 10, 10, 0, 0, TimeSpan.Zero));

    private static EarlyWarningUseCases Service(SvfDatabase db) =>
        new(db, ReferenceDataSet.Embedded, Catalog, new IndicatorOptions(), April10);

    /// <summary>
    /// Region 01 has sent 2026-Q1: 18 breast-cancer pathways, all cancer confirmed and treated in January–March, 14 within 35 days
    /// and 4 after 40 days; and a new-cases estimate of 120 breast cancers for 2026 (0 for the other SVF of the list).
    /// </summary>
    private static async Task Seed(SvfDatabase db)
    {
        var uc = Submissions(db, April10);
        var within = Repeat(14, new DateOnly(2026, 1, 5), 20);   // treated 2026-01-25 … 2026-02-07
        var late = Repeat(4, new DateOnly(2026, 2, 1), 40);      // treated 2026-03-13 … 2026-03-16
        await Send(uc, SubmissionKind.Pathways, "01", "2026-Q1", BreastPathways("01", within.Concat(late)));
        await Send(uc, SubmissionKind.NewCases, "01", "2026", NewCases("01", "2026", Catalog.ForYear(2026), 120));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Inclusion_and_lead_times_so_far_with_what_it_takes_to_reach_the_thresholds(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);

        var w = Service(t.Db).ForRegion(Caller.RegionReporterOf("samordnare-01", "01"), "01");

        w.Year.ShouldBe(2026);
        w.AsOf.ShouldBe(new DateOnly(2026, 4, 10));
        // Inclusion: 18 included over 3 reported months of 120/12 = 10 new cases each: 18/30 = 60 %.
        // 70 % of 30 = 21, so 3 more included pathways would reach the threshold. April has begun but is not reported.
        var inc = w.Inclusion!;
        inc.Period.ShouldBe("2026-H1");
        inc.MonthsCounted.ShouldBe(["2026-01", "2026-02", "2026-03"]);
        inc.MonthsNotReported.ShouldBe(["2026-04"]);
        inc.Included.ShouldBe(18);
        inc.NewCases.ShouldBe(30, 1e-9);
        inc.Rate!.Value.ShouldBe(0.6, 1e-12);
        inc.Threshold.ShouldBe(0.70m);
        inc.Status.ShouldBe(OutlookStatus.BehindTarget);
        inc.MoreIncludedNeeded.ShouldBe(3);

        // Breast: 14 of 18 within 35 days = 77.8 %; 80 % of 18 = 14.4, so 15 would have been needed: 1 more.
        var breast = w.LeadTimes.Single(l => l.ConditionId == "lead_time_breast");
        breast.WithinLimit.ShouldBe(14);
        breast.WithLimit.ShouldBe(18);
        breast.Status.ShouldBe(OutlookStatus.BehindTarget);
        breast.MoreWithinLimitNeeded.ShouldBe(1);
        // No colon, rectum or prostate patients yet: nothing to tell.
        w.LeadTimes.Select(l => l.ConditionId).ShouldBe(["lead_time_breast", "lead_time_colon", "lead_time_rectum", "lead_time_prostate"]);
        w.LeadTimes.Where(l => l.ConditionId != "lead_time_breast").ShouldAllBe(l => l.Status == OutlookStatus.CannotTell && l.WithLimit == 0);
        w.Caveats.ShouldNotBeEmpty(); // 2026's inclusion and lead-time parameters are provisional

        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("early_warning.read"),
            e => e.RegionCode.ShouldBe("01"),
            e => e.Actor.ShouldBe("samordnare-01"));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task On_track_once_enough_are_included_and_treated_in_time(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = Submissions(t.Db, April10);
        // 21 of 30 included (exactly 70 %: on track), all 21 within the limit.
        await Send(uc, SubmissionKind.Pathways, "01", "2026-Q1", BreastPathways("01", Repeat(21, new DateOnly(2026, 1, 5), 10)));
        await Send(uc, SubmissionKind.NewCases, "01", "2026", NewCases("01", "2026", Catalog.ForYear(2026), 120));

        var w = Service(t.Db).ForRegion(Caller.Analyst("analytiker"), "01", new DateOnly(2026, 3, 31));
        w.Inclusion!.Status.ShouldBe(OutlookStatus.OnTrack);
        w.Inclusion.MoreIncludedNeeded.ShouldBe(0);
        w.Inclusion.MonthsNotReported.ShouldBeEmpty();
        w.LeadTimes[0].Status.ShouldBe(OutlookStatus.OnTrack);
        w.LeadTimes[0].MoreWithinLimitNeeded.ShouldBe(0);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Without_a_new_cases_figure_inclusion_cannot_be_told_and_other_regions_are_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Send(Submissions(t.Db, April10), SubmissionKind.Pathways, "01", "2026-Q1", BreastPathways("01", Repeat(5, new DateOnly(2026, 1, 5), 10)));
        var service = Service(t.Db);

        var w = service.ForRegion(Caller.RccCoordinatorOf("rcc", "Stockholm-Gotland"), "01");
        w.Inclusion!.Status.ShouldBe(OutlookStatus.CannotTell);
        w.Inclusion.SvfWithoutNewCases.ShouldContain("BROST");
        w.Inclusion.MoreIncludedNeeded.ShouldBeNull();

        Should.Throw<AccessDeniedException>(() => service.ForRegion(Caller.RegionReporterOf("samordnare-03", "03"), "01"));
        Should.Throw<AccessDeniedException>(() => service.ForRegion(Caller.Ministry("dep"), "01"));
        AuditLog.Read(t.Db).Take(2).ShouldAllBe(e => e.Action == "early_warning.denied" && e.RegionCode == "01");
    }
}
