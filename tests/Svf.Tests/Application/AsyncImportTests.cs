using System.Text;
using Svf.Application;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.Investments;
using Svf.ReferenceData;
using Svf.Tests.Investments;
using Svf.Tests.Reconciliation;
using Svf.Tests.Support;

namespace Svf.Tests.Application;

/// <summary>RCC reports and SKR files sent as request bodies (no synchronous reads, no seeking), as the portal would.</summary>
public class AsyncImportTests
{
    private static InvestmentUseCases Investments(Svf.Storage.SvfDatabase db) =>
        new(db, ReferenceDataSet.Embedded, InvestmentTestData.Rules, AllocationCatalog.Load(ReferenceDataSet.Embedded, InvestmentTestData.Rules), new IndicatorOptions(), FixedClock.Default);

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_rcc_report_is_received_from_a_request_body_and_a_refused_caller_sends_nothing_that_is_read(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = Investments(t.Db);
        var refused = new RequestBodyStream(Encoding.UTF8.GetBytes(InvestmentTestData.Vast2025));
        await Should.ThrowAsync<AccessDeniedException>(() => uc.ImportAsync(Caller.RccCoordinatorOf("samordnare-syd", "Syd"), "Vast", 2025, refused, "vast.csv"));
        refused.Reads.ShouldBe(0);
        Svf.Storage.AuditLog.Read(t.Db).First().Action.ShouldBe("investments.import.denied");

        var body = new RequestBodyStream(Encoding.UTF8.GetBytes(InvestmentTestData.Vast2025));
        var feedback = await uc.ImportAsync(Caller.RccCoordinatorOf("samordnare-vast", "Vast"), "Vast", 2025, body, "vast.csv");
        feedback.Accepted.ShouldBeTrue();
        feedback.RowsStored.ShouldBe(5);
        body.LargestRead.ShouldBeLessThanOrEqualTo(8192);

        var tooLarge = await uc.ImportAsync(Caller.Analyst("a"), "Vast", 2025, new RequestBodyStream(new byte[InvestmentService.MaxFileBytes + 100_000]), "stor.csv");
        tooLarge.Issues.ShouldHaveSingleItem().Code.ShouldBe("file.too_large");
        uc.Current(Caller.Analyst("a"), "Vast", 2025)!.VersionNumber.ShouldBe(1);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_skr_file_is_received_from_a_request_body_by_an_analyst_only(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = new SkrUseCases(t.Db, ReferenceDataSet.Embedded, new IndicatorOptions(), FixedClock.Default);
        var refused = new RequestBodyStream(Encoding.UTF8.GetBytes(SkrTestData.Agreeing));
        await Should.ThrowAsync<AccessDeniedException>(() => uc.ImportAsync(Caller.Ministry("departementet"), refused, "skr.csv"));
        refused.Reads.ShouldBe(0);
        Svf.Storage.AuditLog.Read(t.Db).First().Action.ShouldBe("skr.import.denied");

        var feedback = await uc.ImportAsync(Caller.Analyst("analytiker"), new RequestBodyStream(Encoding.UTF8.GetBytes(SkrTestData.Agreeing)), "skr.csv");
        (feedback.Status, feedback.RowsStored).ShouldBe((SubmissionStatus.Accepted, 3));
    }
}
