using Svf.Assessment;
using Svf.Indicators;
using Svf.Reconciliation;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Tests.Support;

namespace Svf.Tests.Reconciliation;

/// <summary>
/// SKR's figures are per SVF and colon and rectum share one SVF (TJOCK_ANDTARM), so the 2026 colon and rectum conditions
/// can never be judged from them: "kan inte bedömas från SKR-data" with the reason (docs/skr-reconciliation.md §5).
/// </summary>
public class SkrFallbackColonRectumTests
{
    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Colon_and_rectum_cannot_be_assessed_from_skr_data_even_when_skr_covers_the_colorectal_svf(string provider)
    {
        using var t = TestDatabases.Create(provider);
        // Region 05 has no own data; SKR gives the whole colorectal SVF for 2026-H1 (9 of 10 within) and breast cancer.
        SkrTestData.Import(t.Db, "region;svf;sex;period;started;completed;treated;within_limit\n" +
            "05;TJOCK_ANDTARM;TOTAL;2026-H1;12;10;10;9\n05;BROST;TOTAL;2026-H1;12;10;10;9\n").Accepted.ShouldBeTrue();
        var rules = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2026);
        var conditions = new PaymentAssessor(t.Db, ReferenceDataSet.Embedded, new IndicatorOptions(), new SkrLeadTimeFallback(t.Db, ReferenceDataSet.Embedded, new IndicatorOptions()))
            .Assess(rules).Conditions.Where(c => c.RegionCode == "05").ToList();

        var colon = conditions.Single(c => c.ConditionId == "lead_time_colon");
        var rectum = conditions.Single(c => c.ConditionId == "lead_time_rectum");
        foreach (var c in new[] { colon, rectum })
        {
            c.Outcome.ShouldBe(ConditionOutcome.CannotAssess);
            c.DataSource.ShouldBe(DataSources.Socialstyrelsen);
            c.Numerator.ShouldBeNull();
        }
        colon.Evidence.ShouldEndWith("; kan inte bedömas från SKR-data: SKR:s data är per SVF och delar inte upp TJOCK_ANDTARM på ICD C18 (villkoret gäller bara den delen av SVF:et)");
        rectum.Evidence.ShouldEndWith("; kan inte bedömas från SKR-data: SKR:s data är per SVF och delar inte upp TJOCK_ANDTARM på ICD C19, C20 (villkoret gäller bara den delen av SVF:et)");

        // The same file assesses breast cancer, which is a whole SVF: 9 of 10 = 90 %, met.
        var breast = conditions.Single(c => c.ConditionId == "lead_time_breast");
        (breast.Outcome, breast.DataSource, breast.Numerator, breast.Denominator).ShouldBe((ConditionOutcome.Met, DataSources.Skr, 9.0, 10.0));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Without_an_skr_import_the_fallback_says_it_cannot_assess_and_why(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var rules = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2026);
        var breast = new PaymentAssessor(t.Db, ReferenceDataSet.Embedded, new IndicatorOptions(), new SkrLeadTimeFallback(t.Db, ReferenceDataSet.Embedded, new IndicatorOptions()))
            .Assess(rules).Conditions.Single(c => c.RegionCode == "05" && c.ConditionId == "lead_time_breast");
        breast.Outcome.ShouldBe(ConditionOutcome.CannotAssess);
        breast.Evidence.ShouldEndWith("; kan inte bedömas från SKR-data: inga SKR-data importerade");
    }
}
