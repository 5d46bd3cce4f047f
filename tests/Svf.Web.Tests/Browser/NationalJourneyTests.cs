using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Browser;

/// <summary>The national side in Chromium: status, indicators, the assessment run and the allocation download, what-if; axe on each page.</summary>
[Collection(PortalCollection.Name)]
public sealed class NationalJourneyTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task Analyst_runs_the_assessment_and_downloads_the_allocation()
    {
        var page = await browser.NewPageAsync(portal.BaseUrl);
        await BrowserSteps.SignInAsync(page, "analytiker");

        await page.GotoAsync("/nationellt/status?year=2025");
        (await page.Locator("#status-table tbody tr").CountAsync()).ShouldBe(21);
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "status");
        // The table as Excel from the page's link: 21 regions under the CSV's header, the months as number cells.
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#status-xlsx"));
        xlsx.SuggestedFilename.ShouldBe("rapporteringsstatus-2025.xlsx");
        var (cells, rows) = Api.ExcelDownloadTests.Read(await File.ReadAllBytesAsync((await xlsx.PathAsync())!));
        rows.ShouldBe(22);
        Api.ExcelDownloadTests.TextOf(cells["B1"]).ShouldBe("region_code");
        Api.ExcelDownloadTests.TextOf(cells["B2"]).ShouldBe("01");
        Api.ExcelDownloadTests.NumberOf(cells["E2"]).ShouldBeInRange(0, 12);

        await page.GotoAsync("/nationellt/indikatorer?period_kind=halfyear&year=2025");
        (await page.Locator("#chart-within").CountAsync() + await page.Locator("svg[aria-labelledby^=chart-within]").CountAsync()).ShouldBeGreaterThan(0);
        (await page.TextContentAsync("#indicator-table"))!.ShouldContain("Riket");
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "indikatorer");

        await page.GotoAsync("/nationellt/bedomning?year=2025");
        await page.ClickAsync("#run-assessment");
        (await page.TextContentAsync("#run-message"))!.ShouldContain("Bedömningen är körd och loggad");
        var fingerprint = (await page.TextContentAsync("#fingerprint"))!.Trim();
        fingerprint.Length.ShouldBe(16);
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "bedomning");
        (await page.Locator("#allocation-csv").CountAsync()).ShouldBe(1, await page.TextContentAsync("main"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#allocation-csv"));
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        var header = lines[0].Split(';');
        header.ShouldContain("region_code");
        header.ShouldContain("amount");
        var amount = Array.IndexOf(header, "amount");
        lines.Skip(1).Select(l => l.Split(';')).Where(f => f.Length == header.Length).Sum(f => long.Parse(f[amount], System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBeGreaterThan(0);
        Svf.Storage.AuditLog.Read(portal.Db, 200).ShouldContain(e => e.Actor == "analytiker" && e.Action == "assessment.run" && e.Detail.Contains(fingerprint));

        await page.GotoAsync("/nationellt/scenario?year=2025&inclusion=60");
        (await page.Locator("#whatif tbody tr").CountAsync()).ShouldBeGreaterThan(21);
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "scenario");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("departementet", "/nationellt/bedomning?year=2025")]
    [InlineData("departementet", "/nationellt/indikatorer")]
    [InlineData("rcc-mellansverige", "/nationellt/status")]
    [InlineData("rcc-mellansverige", "/nationellt/indikatorer")]
    [InlineData("region01", "/region/01/prognos?as_of=2025-06-30")]
    [InlineData("region01", "/region/01/indikatorer")]
    [InlineData("region01", "/")]
    [InlineData("admin", "/admin/konton")]
    public async Task Every_main_page_has_no_serious_accessibility_violation(string user, string path)
    {
        var page = await browser.NewPageAsync(portal.BaseUrl);
        await BrowserSteps.SignInAsync(page, user);
        var response = await page.GotoAsync(path);
        response!.Status.ShouldBe(200);
        await BrowserSteps.AssertAccessibleAsync(page);
        if (path.StartsWith("/region/01/prognos", StringComparison.Ordinal))
        {
            await BrowserSteps.ScreenshotAsync(page, "prognos");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_is_accessible()
    {
        var page = await browser.NewPageAsync(portal.BaseUrl);
        await page.GotoAsync("/logga-in");
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "logga-in");
        await page.Context.CloseAsync();
    }
}
