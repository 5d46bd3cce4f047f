using Microsoft.Playwright;

namespace Svf.Reporting;

/// <summary>The outcome of turning the HTML into a PDF: the file, or why there is none and what to do.</summary>
public sealed record PdfResult(string? Path, string? Problem);

/// <summary>
/// HTML → PDF through Debian's Chromium driven by Playwright (never a downloaded browser): A4, header with the title,
/// "Sida X av Y" footer; table headers repeat on each page (thead), sections start on a new page; the table of contents
/// gets its page numbers from a first print read back (<see cref="RenderWithContentsAsync"/>).
/// </summary>
public static class PdfRenderer
{
    public const string ChromiumVariable = "SVF_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } p ? p : DefaultChromium;

    public static string MissingMessage(string path) =>
        $"Chromium finns inte ({path}), så PDF:en skrevs inte. Installera Debians Chromium med \"apt-get install -y chromium\" " +
        $"(eller ange sökvägen i {ChromiumVariable}) och kör kommandot igen. HTML-versionen och arbetsboken är skrivna.";

    /// <summary>One print of an HTML file as it is (no table of contents to fill in).</summary>
    public static async Task<PdfResult> RenderAsync(string htmlPath, string pdfPath, string title, string? chromium = null, CancellationToken ct = default)
    {
        await using var session = ChromiumSession.Start(chromium);
        if (!session.Installed)
        {
            return new PdfResult(null, MissingMessage(session.Executable));
        }
        try
        {
            var page = await (await session.BrowserAsync()).NewPageAsync();
            await WriteAtomicAsync(pdfPath, await PrintAsync(page, htmlPath, title, ct), ct);
            return new PdfResult(pdfPath, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(session.Executable, e);
        }
    }

    /// <summary>How many prints at most before the table of contents' page numbers must be stable (normally 2).</summary>
    public const int MaxPasses = 3;

    /// <summary>
    /// Two-pass print with page numbers in the table of contents: writes <paramref name="html"/>(null) to
    /// <paramref name="htmlPath"/> (the HTML stands even without Chromium), prints it, reads back on which page each
    /// entry of <paramref name="contents"/> lands (<see cref="PdfContents"/>), writes the HTML again with those numbers and
    /// prints again. The page column has a fixed width, so the layout does not move; the second print is read back too, and
    /// the PDF is written only when its numbers are the pages its headings are on (else one more pass, up to <see cref="MaxPasses"/>).
    /// </summary>
    public static async Task<PdfResult> RenderWithContentsAsync(Func<IReadOnlyDictionary<string, int>?, string> html, IReadOnlyList<(string Id, string Heading)> contents,
        string htmlPath, string pdfPath, string title, string? chromium = null, CancellationToken ct = default)
    {
        await using var session = ChromiumSession.Start(chromium);
        return await RenderWithContentsAsync(html, contents, htmlPath, pdfPath, title, session, ct);
    }

    /// <summary>As above, in a browser started ahead of need (<see cref="ChromiumSession"/>).</summary>
    public static async Task<PdfResult> RenderWithContentsAsync(Func<IReadOnlyDictionary<string, int>?, string> html, IReadOnlyList<(string Id, string Heading)> contents,
        string htmlPath, string pdfPath, string title, ChromiumSession session, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await WriteAtomicAsync(htmlPath, Utf8.GetBytes(html(null)), ct);
        if (!session.Installed)
        {
            return new PdfResult(null, MissingMessage(session.Executable));
        }
        try
        {
            var page = await (await session.BrowserAsync()).NewPageAsync();
            IReadOnlyDictionary<string, int>? printed = null;
            for (var pass = 1; ; pass++)
            {
                var pdf = await PrintAsync(page, htmlPath, title, ct);
                var found = PdfContents.Locate(pdf, contents);
                var verified = printed is not null && found.Count == printed.Count && found.All(kv => printed.TryGetValue(kv.Key, out var n) && n == kv.Value);
                if (verified || pass == MaxPasses)
                {
                    await WriteAtomicAsync(pdfPath, pdf, ct);
                    return verified
                        ? new PdfResult(pdfPath, null)
                        : new PdfResult(pdfPath, $"Innehållsförteckningens sidnummer stämde inte efter {MaxPasses} utskrifter; kontrollera dem i PDF:en.");
                }
                printed = found;
                await WriteAtomicAsync(htmlPath, Utf8.GetBytes(html(found)), ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(session.Executable, e);
        }
    }

    private static readonly System.Text.UTF8Encoding Utf8 = new(false);

    private static async Task<byte[]> PrintAsync(IPage page, string htmlPath, string title, CancellationToken ct)
    {
        await page.GotoAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        ct.ThrowIfCancellationRequested();
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = "<div style=\"font-family:'DejaVu Sans',sans-serif;font-size:7px;color:#555;width:100%;padding:0 14mm;\">" + System.Net.WebUtility.HtmlEncode(title) + "</div>",
            FooterTemplate = "<div style=\"font-family:'DejaVu Sans',sans-serif;font-size:8px;color:#333;width:100%;text-align:center;\">Sida <span class=\"pageNumber\"></span> av <span class=\"totalPages\"></span></div>",
            Margin = new Margin { Top = "20mm", Bottom = "18mm", Left = "14mm", Right = "14mm" },
        });
    }

    /// <summary>Written beside the target and moved over it: a reader never sees half a file.</summary>
    private static async Task WriteAtomicAsync(string path, byte[] content, CancellationToken ct)
    {
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, content, ct);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Whatever stops the browser (driver missing, launch refused, timeout), the HTML and workbook stand.</summary>
    private static PdfResult Failed(string executable, Exception e) =>
        new(null, $"Chromium ({executable}) kunde inte skriva PDF:en: {e.Message.Split('\n')[0]}. HTML-versionen och arbetsboken är skrivna.");
}
