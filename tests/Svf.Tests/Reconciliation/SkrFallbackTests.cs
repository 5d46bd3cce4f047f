using Svf.Assessment;
using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.Reconciliation;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Tests.Support;

namespace Svf.Tests.Reconciliation;

public class SkrFallbackTests
{
    private static readonly AgreementRules Rules2026 = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2026);

    private const string Skr =
        "region;svf;sex;period;started;completed;treated;within_limit\n" +
        "01;BROST;TOTAL;2026-H1;12;10;10;8\n" +            // 8 of 10 = 80 %: meets the provisional 80 % requirement exactly
        "01;TJOCK_ANDTARM;TOTAL;2026-H1;12;10;10;9\n" +    // per SVF only: cannot give colon (C18) or rectum (C20)
        "01;PROSTATA;M;2026-01;5;4;4;2\n01;PROSTATA;M;2026-02;5;4;4;2\n01;PROSTATA;M;2026-03;5;4;4;2\n" +
        "01;PROSTATA;M;2026-04;5;4;4;2\n01;PROSTATA;M;2026-05;5;4;4;2\n" +  // June missing: does not cover 2026-H1
        "03;BROST;TOTAL;2026-H1;12;10;10;1\n";             // region 03 has its own data: SKR's is not used

    private static List<ConditionResult> Assess(Svf.Storage.SvfDatabase db, bool fallback) =>
        new PaymentAssessor(db, ReferenceDataSet.Embedded, new IndicatorOptions(),
            fallback ? new SkrLeadTimeFallback(db, ReferenceDataSet.Embedded, new IndicatorOptions()) : null)
        .Assess(Rules2026).Conditions.Where(c => c.ConditionId.StartsWith("lead_time", StringComparison.Ordinal)).ToList();

    private static void OwnDataForRegion03(Svf.Storage.SvfDatabase db)
    {
        var service = new SubmissionService(db, ReferenceDataSet.Embedded, TestKeys.Pseudonymizer(), new FixedClock(new DateTimeOffset(2026, 8, 1, 8, 0, 0, TimeSpan.Zero)));
        var rows = new CsvBuilder();
        for (var month = 1; month <= 6; month++)
        {
            var m = month;
            rows.Row(r =>
            {
                r[SubmissionColumns.SuspicionDate] = $"2026-0{m}-02"; r[SubmissionColumns.FirstVisitDate] = $"2026-0{m}-03";
                r[SubmissionColumns.TreatmentDecisionDate] = $"2026-0{m}-10"; r[SubmissionColumns.TreatmentStartDate] = $"2026-0{m}-20";
            }, "03");
        }
        service.SubmitPathways(rows.Stream(), "p03.csv", "03", ReportingPeriod.Parse("2026-H1"), "test").ErrorCount.ShouldBe(0);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Skr_data_assesses_a_region_without_own_data_only_when_asked_and_says_so(string provider)
    {
        using var t = TestDatabases.Create(provider);
        OwnDataForRegion03(t.Db);
        SkrTestData.Import(t.Db, Skr).Status.ShouldBe(SubmissionStatus.Accepted);

        var without = Assess(t.Db, fallback: false);
        without.Single(c => c.RegionCode == "01" && c.ConditionId == "lead_time_breast").Outcome.ShouldBe(ConditionOutcome.CannotAssess);
        without.ShouldAllBe(c => c.DataSource == DataSources.Socialstyrelsen);

        var with = Assess(t.Db, fallback: true);
        var breast = with.Single(c => c.RegionCode == "01" && c.ConditionId == "lead_time_breast");
        breast.Outcome.ShouldBe(ConditionOutcome.Met);
        breast.DataSource.ShouldBe(DataSources.Skr);
        breast.Numerator.ShouldBe(8);
        breast.Denominator.ShouldBe(10);
        breast.Evidence.ShouldStartWith("ENLIGT SKR:S DATA (import ");
        breast.Evidence.ShouldContain("inom ledtid 80,0 % (8 av 10), krav 80 %, 2026-H1");

        var colon = with.Single(c => c.RegionCode == "01" && c.ConditionId == "lead_time_colon");
        colon.Outcome.ShouldBe(ConditionOutcome.CannotAssess);
        colon.DataSource.ShouldBe(DataSources.Socialstyrelsen);
        colon.Evidence.ShouldContain("delar inte upp TJOCK_ANDTARM på ICD C18");

        var prostate = with.Single(c => c.RegionCode == "01" && c.ConditionId == "lead_time_prostate");
        prostate.Outcome.ShouldBe(ConditionOutcome.CannotAssess);
        prostate.Evidence.ShouldContain("täcker inte PROSTATA för hela 2026-H1");

        // Region 03's own six breast-cancer patients, all treated within 18 days: its own data decide, not SKR's 1 of 10.
        var own = with.Single(c => c.RegionCode == "03" && c.ConditionId == "lead_time_breast");
        own.DataSource.ShouldBe(DataSources.Socialstyrelsen);
        own.Outcome.ShouldBe(ConditionOutcome.Met);
        own.Denominator.ShouldBe(6);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_month_by_month_delivery_by_sex_that_covers_the_period_is_summed(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var lines = "region;svf;sex;period;started;completed;treated;within_limit\n" + string.Concat(Enumerable.Range(1, 6).SelectMany(m => new[]
        {
            $"01;PROSTATA;M;2026-0{m};5;4;4;3\n",
        }));
        SkrTestData.Import(t.Db, lines + "01;PROSTATA;K;2026-H1;0;0;0;0\n");
        var prostate = Assess(t.Db, fallback: true).Single(c => c.RegionCode == "01" && c.ConditionId == "lead_time_prostate");
        // 6 × 3 = 18 of 6 × 4 = 24 = 75 %: under 80 %.
        prostate.Outcome.ShouldBe(ConditionOutcome.NotMet);
        prostate.Numerator.ShouldBe(18);
        prostate.Denominator.ShouldBe(24);
        prostate.Reason.ShouldBe("enligt SKR:s data 5,00 procentenheter under kravet");
    }
}
