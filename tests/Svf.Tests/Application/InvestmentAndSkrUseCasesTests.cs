using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.Investments;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Investments;
using Svf.Tests.Reconciliation;
using Svf.Tests.Support;

namespace Svf.Tests.Application;

/// <summary>The special investments and SKR's figures through the application layer: scope checked and audited in the service.</summary>
public class InvestmentAndSkrUseCasesTests
{
    private static InvestmentUseCases Investments(SvfDatabase db) =>
        new(db, ReferenceDataSet.Embedded, InvestmentTestData.Rules, AllocationCatalog.Load(ReferenceDataSet.Embedded, InvestmentTestData.Rules), new IndicatorOptions(), FixedClock.Default);

    private static SkrUseCases Skr(SvfDatabase db) => new(db, ReferenceDataSet.Embedded, new IndicatorOptions(), FixedClock.Default);

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void An_rcc_coordinator_is_refused_another_rccs_report_the_refusal_is_audited_and_nothing_is_stored(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = Investments(t.Db);
        var syd = Caller.RccCoordinatorOf("samordnare-syd", "Syd");

        var e = Should.Throw<AccessDeniedException>(() => uc.Import(syd, "Vast", 2025, Bytes(InvestmentTestData.Vast2025), "vast-2025.csv"));
        e.Message.ShouldBe("RCC-samordnare för RCC Syd får inte redovisa för RCC Vast: bara för det egna RCC:t.");
        var entry = AuditLog.Read(t.Db).First();
        (entry.Actor, entry.Action).ShouldBe(("samordnare-syd", "investments.import.denied"));
        entry.Detail.ShouldBe(e.Message);
        uc.History(Caller.Analyst("a")).ShouldBeEmpty();

        Should.Throw<AccessDeniedException>(() => uc.Current(syd, "Vast", 2025));
        AuditLog.Read(t.Db).First().Action.ShouldBe("investments.read.denied");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void An_rcc_coordinator_imports_and_sees_only_its_own_rcc(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = Investments(t.Db);
        var vast = Caller.RccCoordinatorOf("samordnare-vast", "Vast");
        uc.Import(vast, "Vast", 2025, Bytes(InvestmentTestData.Vast2025), "vast-2025.csv").Accepted.ShouldBeTrue();
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(a => a.Actor.ShouldBe("samordnare-vast"), a => a.Action.ShouldBe("investments.accepted"));

        var own = uc.Lagesbild(vast, 2025);
        own.Rows.Select(r => r.RccCode).Distinct().ShouldBe(["Vast"]);
        own.Projects.Count.ShouldBe(3);
        uc.Lagesbild(Caller.RccCoordinatorOf("samordnare-syd", "Syd"), 2025).Projects.ShouldBeEmpty();
        uc.Lagesbild(Caller.Ministry("departementet"), 2025).Rows.Select(r => r.RccCode).Distinct().Count().ShouldBe(6);
        uc.History(Caller.RccCoordinatorOf("samordnare-syd", "Syd")).ShouldBeEmpty();
        uc.History(vast).ShouldHaveSingleItem().RccCode.ShouldBe("Vast");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Region_reporters_administrators_and_the_ministry_writing_are_refused_and_audited(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = Investments(t.Db);
        Should.Throw<AccessDeniedException>(() => uc.Lagesbild(Caller.RegionReporterOf("region-13", "13"), 2025))
            .Message.ShouldBe("Regionrapportör för region 13 har inte tillgång till redovisningen av de särskilda satsningarna.");
        Should.Throw<AccessDeniedException>(() => uc.Effect(new Caller("admin", Role.Administrator), 2025));
        Should.Throw<AccessDeniedException>(() => uc.Import(Caller.Ministry("departementet"), "Vast", 2025, Bytes(InvestmentTestData.Vast2025), "v.csv"))
            .Message.ShouldBe("Departementet har inte tillgång till inrapporteringen av de särskilda satsningarna.");
        AuditLog.Read(t.Db).Take(3).Select(a => (a.Actor, a.Action))
            .ShouldBe([("departementet", "investments.import.denied"), ("admin", "investments.effect.denied"), ("region-13", "investments.lagesbild.denied")]);
        Should.Throw<ArgumentException>(() => uc.Import(Caller.Analyst("a"), "Vastra", 2025, Bytes(""), "v.csv")).Message.ShouldStartWith("Okänt RCC 'Vastra'.");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Skr_figures_are_imported_by_analysts_only_and_a_region_reconciles_only_itself(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        var uc = Skr(t.Db);

        Should.Throw<AccessDeniedException>(() => uc.Import(Caller.RccCoordinatorOf("samordnare-vast", "Vast"), Bytes(SkrTestData.Agreeing), "skr.csv"))
            .Message.ShouldBe("RCC-samordnare för RCC Vast får inte importera SKR:s väntetidsdata: det gör Socialstyrelsens analytiker.");
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(a => a.Action.ShouldBe("skr.import.denied"), a => a.Actor.ShouldBe("samordnare-vast"));
        Should.Throw<KeyNotFoundException>(() => uc.Reconcile(Caller.Analyst("a")));   // nothing was stored

        uc.Import(Caller.Analyst("analytiker"), Bytes(SkrTestData.Agreeing), "skr.csv").Accepted.ShouldBeTrue();
        var region03 = Caller.RegionReporterOf("region-03", "03");
        uc.Reconcile(region03, includeAgreeing: true).Cells.ShouldAllBe(c => c.RegionCode == "03");
        uc.Reconcile(region03, includeAgreeing: true).Regions.ShouldHaveSingleItem().RegionCode.ShouldBe("03");

        Should.Throw<AccessDeniedException>(() => uc.Reconcile(region03, "01")).Message.ShouldBe("Regionrapportör för region 03 får inte se avstämningen för region 01.");
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(a => a.Action.ShouldBe("skr.reconcile.denied"), a => a.RegionCode.ShouldBe("01"));
        Should.Throw<AccessDeniedException>(() => uc.Reconcile(Caller.RccCoordinatorOf("c", "Vast")));
        AuditLog.Read(t.Db).First().Action.ShouldBe("skr.reconcile.denied");
        uc.Reconcile(Caller.Ministry("departementet"), "01", includeAgreeing: true).Cells.ShouldAllBe(c => c.RegionCode == "01");
    }

    [Fact]
    public void Add_svf_registers_the_allocation_investment_and_skr_services()
    {
        var dir = Directory.CreateTempSubdirectory("svf-addsvf-inv-").FullName;
        try
        {
            using (var sp = new ServiceCollection().AddSvf(o => { o.Database = "sqlite:" + Path.Combine(dir, "svf.db"); o.Clock = FixedClock.Default; }).BuildServiceProvider())
            {
                // The allocation needs no database: 2025's pathology money to RCC Väst, as in docs/special-investments.md §1.
                var table = sp.GetRequiredService<AllocationUseCases>().Table(2025);
                table.Shares.Single(s => s.Area == InvestmentAreas.Pathology && s.RecipientCode == "Vast").Amount.ShouldBe(12_002_392);
                table.Totals.Sum(r => r.Amount).ShouldBe(table.Allocation.Total);
                sp.GetRequiredService<InvestmentUseCases>().Lagesbild(Caller.Analyst("a"), 2025).Rows.ShouldAllBe(r => !r.Reported);
                sp.GetRequiredService<SkrUseCases>().ShouldNotBeNull();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
