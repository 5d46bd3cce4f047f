using Microsoft.Playwright;

namespace Svf.Web.Tests.Support;

/// <summary>One headless Debian Chromium (/usr/bin/chromium, never a downloaded browser) for the whole collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    public async Task<IPage> NewPageAsync(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = baseUrl.ToString(), Locale = "sv-SE", AcceptDownloads = true });
        // Generous: CI shares two cores between builds; the assessment behind a page takes seconds there.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
