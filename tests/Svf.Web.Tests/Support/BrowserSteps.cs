using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Svf.Web.Tests.Support;

/// <summary>Steps the browser tests share: sign in, check a page with axe, take a screenshot for docs/ when asked to.</summary>
internal static class BrowserSteps
{
    public static async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync("/logga-in");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", PortalFixture.PasswordOf(username));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/logga-in", StringComparison.Ordinal));
    }

    /// <summary>axe-core with the WCAG 2.0/2.1 A and AA rules: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var text = new StringBuilder();
        foreach (var v in bad)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{page.Url}: {v.Id} [{v.Impact}] {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
        }
        bad.ShouldBeEmpty(text.ToString());
    }

    /// <summary>
    /// Writes "portal-<paramref name="name"/>.png" (1280 pixels wide, the top of the page up to 1 400 pixels) to the test
    /// artefacts (screenshots/ beside the test assembly), or to $SVF_SCREENSHOT_DIR when set (docs/images when the docs'
    /// screenshots are refreshed).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("SVF_SCREENSHOT_DIR") is { Length: > 0 } set ? set : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.SetViewportSizeAsync(1280, 800);
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var path = Path.Combine(dir, "portal-" + name + ".png");
        await page.ScreenshotAsync(new()
        {
            Path = path,
            FullPage = true,
            Clip = new() { X = 0, Y = 0, Width = 1280, Height = Math.Min(Math.Max(height, 800), 1400) },
        });
        new FileInfo(path).Length.ShouldBeGreaterThan(5_000, $"the screenshot {path} is (nearly) empty");
    }
}
