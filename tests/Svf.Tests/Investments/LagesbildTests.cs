using Svf.Investments;
using Svf.Tests.Support;

namespace Svf.Tests.Investments;

public class LagesbildTests
{
    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_lagesbild_gives_criteria_share_passed_on_and_projects_per_rcc_and_area(string provider)
    {
        using var t = TestDatabases.Create(provider);
        InvestmentTestData.Import(t.Db, InvestmentTestData.Vast2025);
        var l = InvestmentTestData.Service(t.Db).Lagesbild(InvestmentActor.National("analytiker"), 2025);

        l.Rows.Count.ShouldBe(6 * 3); // six RCC × the three 2025 areas
        var pathology = l.Rows.Single(r => r.RccCode == "Vast" && r.Area == InvestmentAreas.Pathology);
        // RCC Väst's pathology money 2025: 12 002 392 kr (AllocationTests); 10 000 000 passed on = 83,3 %.
        pathology.Allocated.ShouldBe(12_002_392);
        pathology.Reported.ShouldBeTrue();
        pathology.Criteria.ShouldBe("Ansökan med bedömning av effekt på ledtider, fördelning efter befolkning");
        pathology.AmountPassedOn.ShouldBe(10_000_000);
        pathology.SharePassedOn!.Value.ShouldBe(10_000_000d / 12_002_392, 1e-12);
        pathology.Projects.ShouldBe(2);
        pathology.ProjectNames.ShouldBe("Digital patologi i Halland; Utbildningstjänster cytodiagnostiker");
        pathology.ProjectAmount.ShouldBe(10_000_000);
        pathology.GoodExamples.ShouldBe(1);
        pathology.Provisional.ShouldBeTrue(); // the 2025 population date is provisional

        var rehab = l.Rows.Single(r => r.RccCode == "Vast" && r.Area == InvestmentAreas.Rehabilitation);
        rehab.Reported.ShouldBeFalse();
        rehab.Allocated.ShouldBe(20_003_986);
        rehab.SharePassedOn.ShouldBeNull();
        rehab.Projects.ShouldBe(0);
        l.Rows.Where(r => r.RccCode != "Vast").ShouldAllBe(r => !r.Reported && r.Projects == 0);
        l.Rows.Where(r => r.Area == InvestmentAreas.Pathology).Sum(r => r.Allocated).ShouldBe(60_000_000);

        l.Projects.Select(p => p.ProjectId).ShouldBe(["VAST-PAT-01", "VAST-PAT-02", "VAST-BFM-01"]);
        l.Projects.Where(p => p.GoodExample).Select(p => p.Name).ShouldBe(["Digital patologi i Halland", "MR-kvällsmottagning"]);
        l.Caveats.ShouldContain(c => c.StartsWith("population.reference_date", StringComparison.Ordinal));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void In_2026_primary_care_is_an_area_and_its_provisional_amount_is_a_caveat(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var l = InvestmentTestData.Service(t.Db).Lagesbild(InvestmentActor.National("analytiker"), 2026);
        l.Rows.Select(r => r.Area).Distinct().ShouldBe([InvestmentAreas.Pathology, InvestmentAreas.Imaging, InvestmentAreas.Rehabilitation, InvestmentAreas.PrimaryCare]);
        l.Rows.Sum(r => r.Allocated).ShouldBe(280_000_000);
        l.Caveats.ShouldContain(c => c.StartsWith("allocation.primary_care:", StringComparison.Ordinal));
    }
}
