using System.Text;
using Svf.Assessment;
using Svf.Domain;
using Svf.Generation;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Assessment;

/// <summary>
/// The payment decision as a record, through real storage (SQLite and PostgreSQL). 2025: region 01 reports seven breast
/// cancers of ten new cases (70 %, met) and a complete report on time. Gotland (09) has sent its report on time but no
/// data yet, so it cannot be assessed and its share of payment 2 is held back. Every other region has sent nothing (no
/// report: not met). Payment 2 is split between 01 and 09 by the September 2025 population (2 485 275 and 61 032 of
/// 2 546 307): 182 500 000 × 2 485 275 / 2 546 307 = 178 125 688.497…, 182 500 000 × 61 032 / 2 546 307 = 4 374 311.503…;
/// the krona left goes to the larger remainder, Gotland's (0.503 > 0.497): 178 125 688 kr paid to 01 and 4 374 312 kr
/// withheld for 09. The year is locked on 2 March 2026. On 5 March Gotland's data arrives: a run now pays 09 its
/// 4 374 312 kr and 01's amount does not change.
/// </summary>
public class DecisionServiceTests
{
    private static readonly ReferenceDataSet Ref = ReferenceDataSet.Embedded;
    private static readonly AgreementRules Rules = AgreementRulesCatalog.Load(Ref).ForYear(2025);
    private static readonly FixedClock LockClock = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private static readonly FixedClock LaterClock = new(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero));

    private static void SendData(SvfDatabase db, string region, TimeProvider clock)
    {
        var service = new SubmissionService(db, Ref, TestKeys.Pseudonymizer(), clock);
        service.SubmitPathways(new CsvBuilder().Rows(7, (_, r) => r[SubmissionColumns.Region] = region).Stream(), "p.csv", region, ReportingPeriod.Parse("2025"), "t")
            .ErrorCount.ShouldBe(0);
        var others = Rules.Condition("inclusion").SvfCodes.Where(c => c != "BROST" && Ref.SvfsByCode[c].HasIcdList).Select(c => $"{region};{c};2025-H1;0\n");
        service.SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes($"region;svf;period;new_cases\n{region};BROST;2025-H1;10\n" + string.Concat(others))), "n.csv", region,
            ReportingPeriod.Parse("2025"), "t").ErrorCount.ShouldBe(0);
    }

    private static void SendReport(SvfDatabase db, string region, string savedUtc)
    {
        var report = SyntheticReports.Complete(ReportPrefill.Create(Rules, Ref, region, []), Rules, 0.70, premInUse: true);
        RegionReportStore.Save(db, report, submit: true, "samordnare", new FixedClock(DateTimeOffset.Parse(savedUtc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static void RegionQualifies(SvfDatabase db, string region, TimeProvider clock, string reportSavedUtc)
    {
        SendData(db, region, clock);
        SendReport(db, region, reportSavedUtc);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_locked_decision_stays_as_locked_reruns_identically_and_a_later_run_names_what_changed(string provider)
    {
        using var t = TestDatabases.Create(provider);
        RegionQualifies(t.Db, "01", FixedClock.Default, "2025-09-20T08:00:00Z");
        SendReport(t.Db, "09", "2025-09-22T08:00:00Z");
        var service = new DecisionService(t.Db, LockClock);

        var locked = service.Lock(Rules, Ref, FailedSharePolicy.Redistribute, "analytiker", _ => "konsoltext\n");
        var record = locked.Record;
        record.LockedBy.ShouldBe("analytiker");
        record.LockedAtUtc.ShouldBe(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc));
        record.Inputs.Submissions.Select(s => (s.RegionCode, s.Kind)).ShouldBe([("01", SubmissionKind.Pathways), ("01", SubmissionKind.NewCases)]);
        record.Inputs.Reports.Select(r => r.RegionCode).ShouldBe(["01", "09"]);
        record.RulesSha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Rules.SourceText!))));
        record.ReferenceSha256.ShouldBe(Ref.ContentSha256());
        record.Conditions.Single(c => c.RegionCode == "01" && c.ConditionId == "inclusion").Evidence.ShouldContain("(7 av 10,0)");
        record.Allocation.Single(r => r.PaymentId == "payment2" && r.RegionCode == "01").Amount.ShouldBe(178_125_688);
        record.Allocation.Single(r => r.PaymentId == "payment2" && r.RegionCode == "09").Withheld.ShouldBe(4_374_312);
        locked.ConsoleText.ShouldBe("konsoltext\n");
        var lockedExports = locked.Exports;
        lockedExports.Keys.ShouldContain("allocation-2025.csv");
        lockedExports.Keys.ShouldContain("caveats-2025.json");

        // Gotland's data and a second report version of 01 arrive after the lock: stored, flagged, not part of the decision.
        SendData(t.Db, "09", LaterClock);
        SendReport(t.Db, "01", "2026-03-05T11:00:00Z");
        var late = service.ArrivedAfterLock(2025);
        late.Select(c => (c.RegionCode, c.Kind)).ShouldBe([("01", "report"), ("09", SubmissionKind.Pathways), ("09", SubmissionKind.NewCases)], ignoreOrder: true);
        late.ShouldAllBe(c => c.AfterLock);
        DecisionService.IsAfterLock(DecisionService.LockTimes(t.Db), 2025, LaterClock.GetUtcNow().UtcDateTime).ShouldBeTrue();
        DecisionService.IsAfterLock(DecisionService.LockTimes(t.Db), 2026, LaterClock.GetUtcNow().UtcDateTime).ShouldBeFalse();

        // Shown and exported exactly as locked, whatever arrived later.
        var again = service.Get(2025, "analytiker")!;
        again.RecordSha256.ShouldBe(locked.RecordSha256);
        again.Exports.Keys.ShouldBe(lockedExports.Keys, ignoreOrder: true);
        foreach (var (name, bytes) in lockedExports)
        {
            again.Exports[name].ShouldBe(bytes, name);
        }

        // Re-run from the record alone: the same inputs, rules text, reference files, parameters and policy.
        var rerun = service.Rerun(2025, "analytiker");
        rerun.Identical.ShouldBeTrue();
        rerun.RerunFingerprint.ShouldBe(record.ResultFingerprint);

        // A run now differs, per region and krona, and names the submissions and report that changed.
        var diff = service.Diff(Rules, Ref, "analytiker");
        diff.RulesChanged.ShouldBeFalse();
        diff.ReferenceFilesChanged.ShouldBeEmpty();
        var gotland = diff.Amounts.Single();
        (gotland.PaymentId, gotland.RegionCode).ShouldBe(("payment2", "09"));
        (gotland.LockedAmount, gotland.LockedWithheld, gotland.LockedEligibility).ShouldBe((0L, 4_374_312L, ConditionOutcome.CannotAssess));
        (gotland.CurrentAmount, gotland.CurrentWithheld, gotland.CurrentEligibility).ShouldBe((4_374_312L, 0L, ConditionOutcome.Met));
        gotland.Difference.ShouldBe(4_374_312);
        // Gotland is assessed now; 01's PREM evidence names its new report version (still met).
        diff.Outcomes.Select(o => (o.RegionCode, o.ConditionId, o.CurrentOutcome)).ShouldBe([("09", "inclusion", ConditionOutcome.Met), ("01", "prem", ConditionOutcome.Met)], ignoreOrder: true);
        diff.Inputs.Select(c => (c.RegionCode, c.Kind, c.Change, c.AfterLock))
            .ShouldBe([("01", "report", InputChangeKind.Added, true), ("09", SubmissionKind.NewCases, InputChangeKind.Added, true), ("09", SubmissionKind.Pathways, InputChangeKind.Added, true)], ignoreOrder: true);

        // Locked means locked: a second lock is refused and the refusal audited.
        Should.Throw<InvalidOperationException>(() => service.Lock(Rules, Ref, FailedSharePolicy.Redistribute, "analytiker")).Message.ShouldContain("redan låst");
        var audit = AuditLog.Read(t.Db).Select(e => e.Action).ToList();
        audit.ShouldContain("decision.locked");
        audit.ShouldContain("decision.lock_refused");
        audit.ShouldContain("decision.read");
        audit.ShouldContain("decision.rerun");
        audit.ShouldContain("decision.diff");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_correction_that_replaces_a_locked_submission_is_named_as_no_longer_current(string provider)
    {
        using var t = TestDatabases.Create(provider);
        RegionQualifies(t.Db, "01", FixedClock.Default, "2025-09-20T08:00:00Z");
        var service = new DecisionService(t.Db, LockClock);
        var locked = service.Lock(Rules, Ref, FailedSharePolicy.Redistribute, "analytiker");
        var newCasesId = locked.Record.Inputs.Submissions.Single(s => s.Kind == SubmissionKind.NewCases).Id;

        // 01 corrects BROST to 11 new cases: 7 of 11 = 63.6 %, below the goal. Nobody qualifies now, so payment 2 would be
        // withheld over all 21 regions by the September 2025 figures, which three regions lack: no allocation now.
        var others = Rules.Condition("inclusion").SvfCodes.Where(c => c != "BROST" && Ref.SvfsByCode[c].HasIcdList).Select(c => $"01;{c};2025-H1;0\n");
        new SubmissionService(t.Db, Ref, TestKeys.Pseudonymizer(), LaterClock)
            .SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes("region;svf;period;new_cases\n01;BROST;2025-H1;11\n" + string.Concat(others))), "n2.csv", "01",
                ReportingPeriod.Parse("2025"), "t").ErrorCount.ShouldBe(0);

        var diff = service.Diff(Rules, Ref, "analytiker");
        diff.Inputs.ShouldContain(c => c.Id == newCasesId && c.Change == InputChangeKind.NoLongerCurrent && c.Status.StartsWith("superseded by"));
        diff.Inputs.ShouldContain(c => c.Kind == SubmissionKind.NewCases && c.Change == InputChangeKind.Added && c.VersionNumber == 2 && c.AfterLock);
        diff.Outcomes.Single(o => o.RegionCode == "01" && o.ConditionId == "inclusion").CurrentOutcome.ShouldBe(ConditionOutcome.NotMet);
        diff.CurrentAllocationUnavailable.ShouldNotBeNull().ShouldContain("13 Hallands län");
        diff.Amounts.Single(a => a.PaymentId == "payment2" && a.RegionCode == "01").CurrentAmount.ShouldBeNull();
        // The locked decision still pays 01 the whole payment.
        service.Get(2025, "analytiker")!.Record.Allocation.Single(r => r.PaymentId == "payment2" && r.RegionCode == "01").Amount.ShouldBe(182_500_000);
        service.Rerun(2025, "analytiker").Identical.ShouldBeTrue();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_decision_without_an_allocation_cannot_be_locked(string provider)
    {
        using var t = TestDatabases.Create(provider);
        // Nobody qualifies and three regions lack the September 2025 figure: payment 2 cannot be split.
        var e = Should.Throw<InvalidOperationException>(() => new DecisionService(t.Db, LockClock).Lock(Rules, Ref, FailedSharePolicy.Redistribute, "analytiker"));
        e.Message.ShouldContain("kan inte låsas");
        DecisionService.LockTimes(t.Db).ShouldBeEmpty();
        AuditLog.Read(t.Db).ShouldContain(a => a.Action == "decision.lock_refused");
    }
}
