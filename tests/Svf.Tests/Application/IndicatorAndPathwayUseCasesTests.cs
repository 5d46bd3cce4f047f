using Svf.Application;
using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;
using static Svf.Tests.Support.AppTestData;

namespace Svf.Tests.Application;

/// <summary>Indicator and patient-level reads, scoped per role and audited (refusals included), on SQLite and PostgreSQL.</summary>
public class IndicatorAndPathwayUseCasesTests
{
    private static readonly Caller Stockholm = Caller.RegionReporterOf("samordnare-01", "01");
    private static readonly Caller RccStockholmGotland = Caller.RccCoordinatorOf("rcc-sg", "Stockholm-Gotland");
    private static readonly IndicatorRequest Year2025 = new(PeriodKind.Year, ReportingPeriod.Parse("2025"));

    /// <summary>Stockholm (01) 12 breast-cancer pathways, Gotland (09) 3, Uppsala (03) 8, all in 2025.</summary>
    private static async Task Seed(SvfDatabase db)
    {
        var uc = Submissions(db, AssessmentUseCasesTests.September);
        foreach (var (region, n) in new[] { ("01", 12), ("09", 3), ("03", 8) })
        {
            await Send(uc, SubmissionKind.Pathways, region, "2025", BreastPathways(region, Repeat(n, new DateOnly(2025, 2, 3), 20)));
        }
    }

    private static IndicatorUseCases Indicators(SvfDatabase db) => new(db, ReferenceDataSet.Embedded, new IndicatorOptions());

    private static HashSet<string> Units(IEnumerable<IndicatorRow> rows) => rows.Select(r => r.UnitCode).ToHashSet();

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Each_role_sees_its_units_and_the_ministry_only_suppressed_figures(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var service = Indicators(t.Db);

        Units(service.Query(Caller.Analyst("a"), Year2025)).ShouldBe(["SE", "Stockholm-Gotland", "Mellansverige", "01", "09", "03"], ignoreOrder: true);
        Units(service.Query(Stockholm, Year2025)).ShouldBe(["SE", "01"], ignoreOrder: true);
        Units(service.Query(RccStockholmGotland, Year2025)).ShouldBe(["SE", "Stockholm-Gotland", "01", "09"], ignoreOrder: true);
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("indicators.read"), e => e.Actor.ShouldBe("rcc-sg"));

        // Breast, both sexes, Gotland: 3 started. Analysts see 3; the ministry gets the publication rule (fewer than 5 hidden) even when not asking for it.
        var gotland = Year2025 with { UnitCode = "09", Svf = "BROST", Sex = IndicatorEngine.BothSexes };
        service.Query(Caller.Analyst("a"), gotland).Single().Started.ShouldBe(3);
        var ministry = service.Query(Caller.Ministry("departementet"), gotland).Single();
        ministry.Started.ShouldBeNull();
        ministry.Suppressed.ShouldBeTrue();
        service.Query(Caller.Ministry("departementet"), Year2025 with { UnitCode = "01", Svf = "BROST", Sex = IndicatorEngine.BothSexes }).Single().Started.ShouldBe(12);

        // Asking for a unit outside one's scope is refused and audited.
        Should.Throw<AccessDeniedException>(() => service.Query(Stockholm, Year2025 with { UnitCode = "03" }));
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("indicators.denied"), e => e.Actor.ShouldBe("samordnare-01"), e => e.RegionCode.ShouldBe("03"));
        Should.Throw<AccessDeniedException>(() => service.Query(Stockholm, Year2025 with { UnitCode = "Stockholm-Gotland" }));
        Should.Throw<AccessDeniedException>(() => service.Query(RccStockholmGotland, Year2025 with { UnitCode = "Mellansverige" }));
        Should.Throw<AccessDeniedException>(() => service.Query(new Caller("admin", Role.Administrator), Year2025));
        Should.Throw<ArgumentException>(() => service.Query(Stockholm, Year2025 with { UnitCode = "99" })).Message.ShouldContain("'99'");
        Should.Throw<ArgumentException>(() => service.Query(Stockholm, Year2025 with { Svf = "BRÖST" }));
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Patient_level_rows_for_the_own_region_or_an_analyst_with_a_purpose_only(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await Seed(t.Db);
        var service = new PathwayUseCases(t.Db, ReferenceDataSet.Embedded);

        service.CurrentPathways(Stockholm, "01").Count.ShouldBe(12);
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("patient_level.read"), e => e.RegionCode.ShouldBe("01"));

        var analyst = Caller.Analyst("analytiker");
        service.CurrentPathways(analyst, "03", "kontroll av dubbletter").Count.ShouldBe(8);
        AuditLog.Read(t.Db).First().Detail.ShouldContain("purpose: kontroll av dubbletter");

        (Caller Caller, string Region, string? Purpose)[] refused =
        [
            (Stockholm, "03", null),
            (analyst, "03", null),
            (analyst, "03", "  "),
            (RccStockholmGotland, "01", "uppföljning"),
            (Caller.Ministry("departementet"), "01", "beslut"),
            (new Caller("admin", Role.Administrator), "01", null),
        ];
        foreach (var (caller, region, purpose) in refused)
        {
            Should.Throw<AccessDeniedException>(() => service.CurrentPathways(caller, region, purpose));
            AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
                e => e.Action.ShouldBe("patient_level.denied"), e => e.Actor.ShouldBe(caller.UserId), e => e.RegionCode.ShouldBe(region));
        }
        Should.Throw<ArgumentException>(() => service.CurrentPathways(analyst, "2", "x"));
    }
}
