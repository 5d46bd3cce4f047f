using Svf.Application;
using Svf.Assessment;
using Svf.Generation;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;
using Svf.Tests.Support;
using static Svf.Tests.Support.AppTestData;

namespace Svf.Tests.Application;

/// <summary>The assessment run (audited with its fingerprint), viewing, and what-if runs compared krona by krona (2025 rules).</summary>
public class AssessmentUseCasesTests
{
    internal static readonly FixedClock September = new(new DateTimeOffset(2025, 9, 15, 10, 0, 0, TimeSpan.Zero));
    private static readonly Caller Analyst = Caller.Analyst("analytiker");

    internal static AssessmentUseCases Service(SvfDatabase db) => new(db, ReferenceDataSet.Embedded, Catalog, new IndicatorOptions());

    internal static YearlyReportUseCases Reports(SvfDatabase db, TimeProvider? clock = null) =>
        new(db, ReferenceDataSet.Embedded, Catalog, new IndicatorOptions(), clock ?? September);

    /// <summary>
    /// 2025 (inclusion ≥ 70 % in 2025-H1, PREM, report by 30 September): Stockholm (01) 7 included of 10 new breast cancers = 70 %,
    /// Uppsala (03) 6 of 10 = 60 %; both submit a complete report on 15 September with PREM in use. No other region has sent anything.
    /// </summary>
    internal static async Task Seed(SvfDatabase db)
    {
        var uc = Submissions(db, September);
        var rules = Catalog.ForYear(2025);
        foreach (var (region, included) in new[] { ("01", 7), ("03", 6) })
        {
            await Send(uc, SubmissionKind.Pathways, region, "2025-H1", BreastPathways(region, Repeat(included, new DateOnly(2025, 2, 3), 20)));
            await Send(uc, SubmissionKind.NewCases, region, "2025-H1", NewCases(region, "2025-H1", rules, 10));
            var reporter = Caller.RegionReporterOf($"samordnare-{region}", region);
            var reports = Reports(db);
            reports.Submit(reporter, SyntheticReports.Complete(reports.Template(reporter, 2025, region), rules, included / 10.0));
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_run_is_audited_with_its_fingerprint_and_refused_to_anyone_but_analysts(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var service = Service(t.Db);

        var run = service.Run(Analyst, 2025);
        run.Policy.ShouldBe(FailedSharePolicy.Redistribute);
        run.Assessment.Conditions.Single(c => c.RegionCode == "01" && c.ConditionId == "inclusion").Outcome.ShouldBe(ConditionOutcome.Met);
        run.Assessment.Conditions.Single(c => c.RegionCode == "03" && c.ConditionId == "inclusion").Outcome.ShouldBe(ConditionOutcome.NotMet);
        run.Fingerprint.Length.ShouldBe(16);
        var entry = AuditLog.Read(t.Db).First();
        entry.Action.ShouldBe("assessment.run");
        entry.Actor.ShouldBe("analytiker");
        // 21 regions get payment 1; only Stockholm meets all three conditions of payment 2.
        entry.Detail.ShouldBe($"year 2025, policy Redistribute, 22 payment decisions met, allocation computed, result fingerprint {run.Fingerprint}");
        // Same data, same rules: same fingerprint.
        service.Run(Analyst, 2025).Fingerprint.ShouldBe(run.Fingerprint);

        foreach (var caller in new[] { Caller.RegionReporterOf("s", "01"), Caller.RccCoordinatorOf("r", "Norr"), Caller.Ministry("d"), new Caller("a", Role.Administrator) })
        {
            Should.Throw<AccessDeniedException>(() => service.Run(caller, 2025));
            AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("assessment.run.denied"), e => e.Actor.ShouldBe(caller.UserId));
        }

        // The ministry may look at the result (not decide it); a region may not.
        service.Current(Caller.Ministry("departementet"), 2025).Fingerprint.ShouldBe(run.Fingerprint);
        AuditLog.Read(t.Db).First().Action.ShouldBe("assessment.read");
        Should.Throw<AccessDeniedException>(() => service.Current(Caller.RegionReporterOf("s", "01"), 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("assessment.read.denied");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task What_if_a_lower_threshold_compares_region_by_region_and_krona_by_krona(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);

        var result = Service(t.Db).WhatIf(Analyst, 2025, new WhatIfScenario { InclusionThreshold = 0.55m });

        WhatIfRow Row(string region, string payment) => result.Rows.Single(r => r.RegionCode == region && r.PaymentId == payment);
        // Now: only Stockholm qualifies for payment 2, and under Redistribute it gets all 182 500 000 kr.
        // At 55 % Uppsala qualifies too: 182 500 000 split by payment 2's population of 30 Sep 2025, 2 485 275 : 410 601,
        // = 156 623 656.37 and 25 876 343.63, rounded by largest remainder to 156 623 656 and 25 876 344.
        Row("01", "payment2").ShouldSatisfyAllConditions(
            r => r.CurrentAmount.ShouldBe(182_500_000),
            r => r.ScenarioAmount.ShouldBe(156_623_656),
            r => r.Difference.ShouldBe(-25_876_344),
            r => r.LockedAmount.ShouldBeNull());
        Row("03", "payment2").ShouldSatisfyAllConditions(
            r => r.CurrentEligibility.ShouldBe(ConditionOutcome.NotMet),
            r => r.ScenarioEligibility.ShouldBe(ConditionOutcome.Met),
            r => r.CurrentAmount.ShouldBe(0),
            r => r.ScenarioAmount.ShouldBe(25_876_344));
        Row("14", "payment2").Difference.ShouldBe(0);
        // Payment 1 goes to every region by population whatever the conditions.
        result.Rows.Where(r => r.PaymentId == "payment1").ShouldAllBe(r => r.Difference == 0);
        Row("03", "TOTAL").Difference.ShouldBe(25_876_344);
        result.Rows.Count.ShouldBe(21 * 3);
        result.ChangedOutcomes.ShouldBe([("03", "inclusion", ConditionOutcome.NotMet, ConditionOutcome.Met)]);
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("assessment.what_if"),
            e => e.Detail.ShouldContain($"{result.Current.Fingerprint} -> {result.Alternative.Fingerprint}"));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task What_if_withhold_and_another_population_date(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var service = Service(t.Db);

        // Withhold splits payment 2 over all 21 regions, but its population date (30 Sep 2025) lacks three regions' figures: no allocation.
        var noFigures = service.WhatIf(Analyst, 2025, new WhatIfScenario { Policy = FailedSharePolicy.Withhold });
        noFigures.Alternative.AllocationUnavailable.ShouldNotBeNull().ShouldContain("2025-09-30");
        // With 31 Dec 2023 for every payment: Stockholm gets only its share of all 21, 182 500 000 × 2 454 821 / 10 551 707 = 42 458 043.28.
        var withhold = service.WhatIf(Analyst, 2025, new WhatIfScenario { Policy = FailedSharePolicy.Withhold, PopulationReferenceDate = new DateOnly(2023, 12, 31) });
        var sthlm = withhold.Rows.Single(r => r.RegionCode == "01" && r.PaymentId == "payment2");
        sthlm.ScenarioAmount!.Value.ShouldBeInRange(42_458_043, 42_458_044);
        withhold.Rows.Where(r => r.PaymentId == "payment2").Sum(r => r.ScenarioAmount!.Value + r.ScenarioWithheld!.Value).ShouldBe(182_500_000);
        withhold.ChangedOutcomes.ShouldBeEmpty();

        // 31 Dec 2024 lacks some regions' population: no allocation under the scenario, said why, amounts left empty.
        var date = service.WhatIf(Analyst, 2025, new WhatIfScenario { PopulationReferenceDate = new DateOnly(2024, 12, 31) });
        date.Alternative.Allocation.ShouldBeNull();
        date.Alternative.AllocationUnavailable.ShouldNotBeNull().ShouldContain("2024-12-31");
        date.Rows.ShouldAllBe(r => r.ScenarioAmount == null && r.CurrentAmount != null);

        Should.Throw<ArgumentException>(() => service.WhatIf(Analyst, 2025, new WhatIfScenario { InclusionThreshold = 70m }));
        Should.Throw<AccessDeniedException>(() => service.WhatIf(Caller.Ministry("d"), 2025, new WhatIfScenario()));
        AuditLog.Read(t.Db).First().Action.ShouldBe("assessment.what_if.denied");
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_locked_decision_is_locked_by_analysts_seen_by_the_ministry_and_shown_beside_a_what_if(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var service = Service(t.Db);

        Should.Throw<AccessDeniedException>(() => service.Lock(Caller.RegionReporterOf("s", "01"), 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("decision.lock.denied");
        service.LockedAtUtc(2025).ShouldBeNull();

        var locked = service.Lock(Analyst, 2025);
        locked.Record.LockedBy.ShouldBe("analytiker");
        service.LockedAtUtc(2025).ShouldNotBeNull();
        AuditLog.Read(t.Db).First().Action.ShouldBe("decision.locked");
        Should.Throw<InvalidOperationException>(() => service.Lock(Analyst, 2025)); // a locked decision never changes

        service.Locked(Caller.Ministry("departementet"), 2025)!.Record.ResultFingerprint.ShouldBe(locked.Record.ResultFingerprint);
        Should.Throw<AccessDeniedException>(() => service.Locked(Caller.RccCoordinatorOf("r", "Norr"), 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("decision.read.denied");
        Should.Throw<AccessDeniedException>(() => service.Diff(Caller.Ministry("departementet"), 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("decision.diff.denied");
        service.Rerun(Analyst, 2025).Identical.ShouldBeTrue();
        service.Diff(Analyst, 2025).Same.ShouldBeTrue();

        // The what-if puts the locked kronor beside the current and the scenario's.
        var result = service.WhatIf(Analyst, 2025, new WhatIfScenario { InclusionThreshold = 0.55m });
        result.Locked.ShouldNotBeNull();
        var row = result.Rows.Single(r => r.RegionCode == "01" && r.PaymentId == "payment2");
        row.LockedAmount.ShouldBe(182_500_000);
        row.DifferenceFromLocked.ShouldBe(156_623_656 - 182_500_000);
        result.Rows.Single(r => r.RegionCode == "01" && r.PaymentId == "TOTAL").LockedAmount
            .ShouldBe(locked.Record.Allocation.Where(a => a.RegionCode == "01").Sum(a => a.Amount));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task After_lock_notices_come_from_the_service_and_name_only_submissions_the_caller_may_see(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var service = Service(t.Db);
        service.LockNotices(Analyst, ["2025-H1"]).ShouldBeEmpty(); // not locked
        service.Lock(Analyst, 2025);
        var lockedAt = service.LockedAtUtc(2025)!.Value;

        // New-cases corrections from Stockholm (01) and Uppsala (03) a day after the lock.
        var late = Submissions(t.Db, new FixedClock(new DateTimeOffset(lockedAt.AddDays(1), TimeSpan.Zero)));
        var rules = Catalog.ForYear(2025);
        var f01 = await Send(late, SubmissionKind.NewCases, "01", "2025-H1", NewCases("01", "2025-H1", rules, 11));
        var f03 = await Send(late, SubmissionKind.NewCases, "03", "2025-H1", NewCases("03", "2025-H1", rules, 11));
        var (id01, id03) = (f01.SubmissionId!.Value, f03.SubmissionId!.Value);

        service.AfterLockNotice(f01.Period, f01.ReceivedAtUtc).ShouldStartWith("OBS: inkom efter att beslutet för 2025 låstes");
        service.AfterLockNotice("2024", f01.ReceivedAtUtc).ShouldBeNull();
        var history = late.History(Analyst);
        service.ReceivedAfterLock(history).Order().ShouldBe([id01, id03]);

        service.LockNotices(Analyst, ["2025-H1", "2025-03"]).ShouldHaveSingleItem()
            .ShouldContain($"2 gällande inrapporteringar kom in efter låsningen (id {id03}, {id01})"); // newest first
        // A region's user running the indicators sees its own late submission, not Uppsala's.
        service.LockNotices(Caller.RegionReporterOf("samordnare-01", "01"), ["2025-H1"]).ShouldHaveSingleItem()
            .ShouldContain($"1 gällande inrapporteringar kom in efter låsningen (id {id01})");
    }

    [Fact]
    public void The_hosts_reach_locked_decisions_only_through_the_use_case_service()
    {
        // No rule in a host: the CLI and the portal call AssessmentUseCases, not DecisionService.
        string[] names = ["Svf.Cli", "Svf.Web"];
        var hosts = names.Select(h => Path.Combine(RepositoryRoot.Path, "src", h));
        var direct = hosts.SelectMany(h => Directory.EnumerateFiles(h, "*.cs*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(nameof(DecisionService) + ".", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)).ToList();
        direct.ShouldBeEmpty();
    }
}
