using System.Globalization;
using System.Net;
using Svf.Web.Api;
using Svf.Web.Tests.Api;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Pages;

/// <summary>The what-if comparison on the page comes as CSV and Excel like every other table (the columns of WhatIfRow).</summary>
[Collection(PortalCollection.Name)]
public sealed class WhatIfDownloadTests(PortalFixture portal)
{
    private const string Scenario = "year=2025&inclusion=60";

    [Fact]
    public async Task The_page_links_the_downloads_and_csv_and_xlsx_hold_the_same_rows_with_krona_as_numbers()
    {
        using var c = await PageSession.SignInAsync(portal, "analytiker");
        var html = await c.GetStringAsync($"/nationellt/scenario?{Scenario}");
        html.ShouldContain("id=\"whatif-csv\"");
        html.ShouldContain("id=\"whatif-xlsx\"");

        var csv = await c.GetStringAsync($"/nationellt/scenario?handler=Csv&{Scenario}");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(';')).ToList();
        lines[0].ShouldBe(["year", "region_code", "region_name", "payment_id", "current_eligibility", "scenario_eligibility", "current_amount",
            "scenario_amount", "difference", "current_withheld", "scenario_withheld", "locked_amount", "difference_from_locked"]);
        lines.Count.ShouldBeGreaterThan(22); // the header, and at least one payment row and one TOTAL row per region

        var response = await c.GetAsync($"/nationellt/scenario?handler=Xlsx&{Scenario}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Downloads.XlsxContentType);
        var (cells, rows) = ExcelDownloadTests.Read(await response.Content.ReadAsByteArrayAsync());
        rows.ShouldBe(lines.Count);
        var amount = Array.IndexOf(lines[0], "current_amount");
        var column = ((char)('A' + amount)).ToString();
        for (var r = 1; r < lines.Count; r++)
        {
            if (lines[r][amount].Length > 0)
            {
                ExcelDownloadTests.NumberOf(cells[$"{column}{r + 1}"]).ShouldBe(double.Parse(lines[r][amount], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task A_region_reporter_cannot_download_the_comparison()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var r = await c.GetAsync($"/nationellt/scenario?handler=Csv&{Scenario}");
        ((int)r.StatusCode).ShouldBeOneOf(403, 404);
        (await r.Content.ReadAsStringAsync()).ShouldNotContain("current_amount");
    }

    [Fact]
    public async Task Without_a_scenario_the_download_says_what_to_give()
    {
        using var c = await PageSession.SignInAsync(portal, "analytiker");
        var r = await c.GetAsync("/nationellt/scenario?handler=Csv&year=2025");
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Ange ett scenario");
    }
}
