using Microsoft.Playwright;

namespace Svf.Reporting;

/// <summary>The outcome of turning the HTML into a PDF: the file, or why there is none and what to do.</summary>
public sealed record PdfResult(string? Path, string? Problem);

/// <summary>
/// HTML → PDF through Debian's Chromium driven by Playwright (never a downloaded browser): A4, header with the title,
/// "Sida X av Y" footer; table headers repeat on each page (thead), sections start on a new page.
/// </summary>
public static class PdfRenderer
{
    public const string ChromiumVariable = "SVF_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } p ? p : DefaultChromium;

    public static string MissingMessage(string path) =>
        $"Chromium finns inte ({path}), så PDF:en skrevs inte. Installera Debians Chromium med \"apt-get install -y chromium\" " +
        $"(eller ange sökvägen i {ChromiumVariable}) och kör kommandot igen. HTML-versionen och arbetsboken är skrivna.";

    public static async Task<PdfResult> RenderAsync(string htmlPath, string pdfPath, string title, string? chromium = null, CancellationToken ct = default)
    {
        var executable = chromium ?? ChromiumPath;
        if (!File.Exists(executable))
        {
            return new PdfResult(null, MissingMessage(executable));
        }
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            ct.ThrowIfCancellationRequested();
            var temp = pdfPath + ".tmp";
            await page.PdfAsync(new PagePdfOptions
            {
                Path = temp,
                Format = "A4",
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<div style=\"font-family:'DejaVu Sans',sans-serif;font-size:7px;color:#555;width:100%;padding:0 14mm;\">" + System.Net.WebUtility.HtmlEncode(title) + "</div>",
                FooterTemplate = "<div style=\"font-family:'DejaVu Sans',sans-serif;font-size:8px;color:#333;width:100%;text-align:center;\">Sida <span class=\"pageNumber\"></span> av <span class=\"totalPages\"></span></div>",
                Margin = new Margin { Top = "20mm", Bottom = "18mm", Left = "14mm", Right = "14mm" },
            });
            File.Move(temp, pdfPath, overwrite: true);
            return new PdfResult(pdfPath, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever stops the browser (driver missing, launch refused, timeout), the HTML and workbook stand.
            return new PdfResult(null, $"Chromium ({executable}) kunde inte skriva PDF:en: {e.Message.Split('\n')[0]}. HTML-versionen och arbetsboken är skrivna.");
        }
    }
}
