using Microsoft.Playwright;

namespace Svf.Reporting;

/// <summary>
/// Debian's Chromium started ahead of need: the report's figures take a couple of seconds of one core to compute, and
/// starting the Playwright driver and the browser takes about as long on the other, so a caller that starts the session
/// first and builds the content meanwhile pays for only the longer of the two. Without Chromium installed nothing is
/// started and <see cref="Installed"/> is false (the renderer then says how to install it). A launch that fails is
/// reported by the renderer when it asks for the browser.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private readonly Task<(IPlaywright Playwright, IBrowser Browser)>? _launch;

    private ChromiumSession(string executable, Task<(IPlaywright, IBrowser)>? launch) => (Executable, _launch) = (executable, launch);

    /// <summary>The browser's path (<paramref name="chromium"/>, else <see cref="PdfRenderer.ChromiumPath"/>).</summary>
    public string Executable { get; }

    /// <summary>Whether the executable exists (and so a launch was started).</summary>
    public bool Installed => _launch is not null;

    /// <summary>Starts the launch in the background and returns at once.</summary>
    public static ChromiumSession Start(string? chromium = null)
    {
        var executable = chromium ?? PdfRenderer.ChromiumPath;
        return new ChromiumSession(executable, File.Exists(executable) ? Task.Run(() => LaunchAsync(executable)) : null);
    }

    /// <summary>The launched browser; throws what the launch threw.</summary>
    internal async Task<IBrowser> BrowserAsync() =>
        (await (_launch ?? throw new InvalidOperationException("Chromium is not installed.")).ConfigureAwait(false)).Browser;

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync(string executable)
    {
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            return (playwright, await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true }).ConfigureAwait(false));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_launch is null)
        {
            return;
        }
        try
        {
            var (playwright, browser) = await _launch.ConfigureAwait(false);
            await browser.DisposeAsync().ConfigureAwait(false);
            playwright.Dispose();
        }
        catch (PlaywrightException)
        {
            // The launch failed: the renderer has already reported it, and there is nothing to close.
        }
    }
}
