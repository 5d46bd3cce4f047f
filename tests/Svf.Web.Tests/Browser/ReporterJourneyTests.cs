using System.Text;
using Svf.Ingestion;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Browser;

/// <summary>A region coordinator in Chromium: a file with errors, the feedback, the corrected file, the history.</summary>
[Collection(PortalCollection.Name)]
public sealed class ReporterJourneyTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task Reporter_uploads_a_file_with_errors_reads_the_feedback_and_uploads_the_fix()
    {
        var page = await browser.NewPageAsync(portal.BaseUrl);
        await BrowserSteps.SignInAsync(page, "region03");
        var good = portal.Files.Single(f => f.RegionCode == "03").PathwayFile;
        var broken = BrokenCopy(good);

        await page.GotoAsync("/region/03/inrapportera");
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "inrapportera");
        await page.SelectOptionAsync("#kind", "pathways");
        await page.FillAsync("#period", "2025");
        await page.SetInputFilesAsync("#file", broken);
        await page.ClickAsync("#upload-button");
        await page.WaitForURLAsync("**/region/03/aterkoppling/**");

        (await page.TextContentAsync("#feedback-status"))!.ShouldContain("avvisad");
        int.Parse((await page.TextContentAsync("#error-count"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(3);
        var counts = (await page.TextContentAsync("#issue-counts"))!;
        counts.ShouldContain("region.unknown");
        counts.ShouldContain("svf.unknown");
        counts.ShouldContain("date.future");
        var issues = (await page.TextContentAsync("#issues"))!;
        issues.ShouldContain("svf");
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "aterkoppling");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Hela listan som CSV"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Split('\n')[0].ShouldBe("submission_id;file_name;severity;code;row;field;message");
        csv.ShouldContain("region.unknown");

        await page.GotoAsync("/region/03/inrapportera");
        await page.FillAsync("#period", "2025");
        await page.SetInputFilesAsync("#file", good);
        await page.ClickAsync("#upload-button");
        await page.WaitForURLAsync("**/region/03/aterkoppling/**");
        (await page.TextContentAsync("#feedback-status"))!.ShouldContain("godkänd");
        (await page.TextContentAsync("#error-count"))!.Trim().ShouldBe("0");

        await page.GotoAsync("/region/03/historik");
        var history = (await page.TextContentAsync("#history"))!;
        history.ShouldContain("avvisad");
        history.ShouldContain("gällande");
        await BrowserSteps.AssertAccessibleAsync(page);
        await BrowserSteps.ScreenshotAsync(page, "historik");

        // The yearly report: pre-filled from the data just sent, then written and submitted.
        await page.GotoAsync("/region/03/redovisning/2025");
        (await page.TextContentAsync("#deadline"))!.ShouldBe("2025-09-30");
        (await page.TextContentAsync("#report-status"))!.ShouldContain("ej inkommen");
        await BrowserSteps.AssertAccessibleAsync(page);
        await page.CheckAsync("input[name=prem_in_use][value=ja]");
        await page.FillAsync("#prem_results", "Svarsfrekvens 51 %.");
        await page.FillAsync("#prem_how_used", "Resultaten används i förbättringsarbetet.");
        await page.SelectOptionAsync("#obstacle_svf_0", "BROST");
        await page.FillAsync("#obstacle_text_0", "Brist på mammografitider.");
        foreach (var area in await page.QuerySelectorAllAsync("textarea[name^=text_]"))
        {
            await area.FillAsync("Regionens redovisning av avsnittet.");
        }
        await page.FillAsync("#own_inclusion", "72,5");
        await page.ClickAsync("#save-draft");
        (await page.TextContentAsync("#report-message"))!.ShouldContain("Utkastet är sparat (version 1)");
        await page.ClickAsync("#submit-report");
        (await page.TextContentAsync("#report-message"))!.ShouldContain("Redovisningen är inskickad (version 2");
        (await page.InputValueAsync("#own_inclusion")).ShouldBe("72,5");
        (await page.TextContentAsync("#report-status"))!.ShouldContain("inkom efter sista dag");
        await BrowserSteps.ScreenshotAsync(page, "redovisning");
        await page.Context.CloseAsync();
    }

    /// <summary>The region's own file with three planted mistakes: another region's code, an unknown SVF, a suspicion date in the future.</summary>
    private string BrokenCopy(string source)
    {
        var lines = File.ReadAllLines(source, Encoding.UTF8);
        string Set(string line, string column, string value)
        {
            var parts = line.Split(';');
            parts[Array.IndexOf(SubmissionColumns.PathwayAll, column)] = value;
            return string.Join(';', parts);
        }
        lines[1] = Set(lines[1], SubmissionColumns.Region, "99");
        lines[2] = Set(lines[2], SubmissionColumns.Svf, "BROSTCANCER");
        lines[3] = Set(lines[3], SubmissionColumns.SuspicionDate, "2031-01-15");
        var path = Path.Combine(portal.DataDir, "pathways-03-2025-med-fel.csv");
        File.WriteAllLines(path, lines, new UTF8Encoding(false));
        return path;
    }
}
