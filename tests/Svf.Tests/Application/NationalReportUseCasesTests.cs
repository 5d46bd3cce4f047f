using Svf.Application;
using Svf.Indicators;
using Svf.NationalReport;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Application;

/// <summary>Only national analysts build the report to the ministry; each build and each refusal is audited; on SQLite and PostgreSQL.</summary>
public class NationalReportUseCasesTests
{
    private static NationalReportUseCases Service(SvfDatabase db) =>
        new(db, ReferenceDataSet.Embedded, AppTestData.Catalog, new IndicatorOptions(), FixedClock.Default);

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_analyst_builds_the_report_from_the_stored_data_and_others_are_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        await AnalysisUseCasesTests.Seed(t.Db);
        var service = Service(t.Db);

        var doc = service.Build(Caller.Analyst("analytiker"), 2025, NationalReportKind.Final, forPublication: false);
        (doc.Year, doc.Kind, doc.ForPublication).ShouldBe((2025, NationalReportKind.Final, false));
        // The stored figures are in it: Stockholm's breast-cancer segment split (docs/lead-time-analyses.md §1) in the full segment sheet.
        var segments = doc.Table("Segment alla");
        segments.Rows.ShouldContain(r => (string)r[0]! == "Stockholms län" && (string)r[1]! == "Bröstcancer" && Equals(r[segments.Column("Extra: besök–beslut")], 15.5));
        doc.Table("Hinder per SVF").Rows.Count.ShouldBe(2);
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("national_report.built"), e => e.Actor.ShouldBe("analytiker"));

        foreach (var caller in new[] { Caller.RegionReporterOf("samordnare-01", "01"), Caller.Ministry("departementet"), Caller.RccCoordinatorOf("rcc", "Norr") })
        {
            Should.Throw<AccessDeniedException>(() => service.Build(caller, 2025, NationalReportKind.Interim));
            AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(e => e.Action.ShouldBe("national_report.denied"), e => e.Actor.ShouldBe(caller.UserId));
        }
        Should.Throw<KeyNotFoundException>(() => service.Build(Caller.Analyst("analytiker"), 2019, NationalReportKind.Interim));
    }
}
