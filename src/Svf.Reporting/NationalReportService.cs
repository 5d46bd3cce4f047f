using Svf.Indicators;
using Svf.NationalReport;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Reporting;

/// <summary>The files one report run wrote, and what went wrong with the PDF if anything (with a PDF written: a note that its table of contents could not be checked).</summary>
public sealed record NationalReportOutput(NationalReportDocument Document, string HtmlPath, string WorkbookPath, string? PdfPath, string? PdfProblem);

/// <summary>
/// The use case "make the report to the ministry": builds the content from stored data (Svf.NationalReport) and writes
/// it as HTML, one PDF and one workbook. The CLI's national-report command and, later, the portal call this.
/// </summary>
public sealed class NationalReportService(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options, TimeProvider clock)
{
    public async Task<NationalReportOutput> CreateAsync(NationalReportRequest request, string outDir, string actor, string? chromium = null, CancellationToken ct = default)
    {
        // Chromium starts on the other core while the figures are computed (ChromiumSession).
        await using var session = ChromiumSession.Start(chromium);
        var document = new NationalReportBuilder(db, reference, options, clock).Build(request, actor);
        return await WriteAsync(document, outDir, session, ct);
    }

    /// <summary>Writes the HTML (charts inline), the workbook and, where Chromium is installed, the PDF with page numbers in its table of contents.</summary>
    public static async Task<NationalReportOutput> WriteAsync(NationalReportDocument document, string outDir, string? chromium = null, CancellationToken ct = default)
    {
        await using var session = ChromiumSession.Start(chromium);
        return await WriteAsync(document, outDir, session, ct);
    }

    /// <summary>As above, printing in a browser the caller started ahead of need.</summary>
    public static async Task<NationalReportOutput> WriteAsync(NationalReportDocument document, string outDir, ChromiumSession session, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        Directory.CreateDirectory(outDir);
        var stem = Path.Combine(outDir, document.FileStem);
        var (html, xlsx, pdf) = (stem + ".html", stem + ".xlsx", stem + ".pdf");
        var charts = document.Charts().Select(c => (c.Id, Svg: ChartRenderer.Svg(c))).ToDictionary(c => c.Id, c => c.Svg);
        // A PDF from an earlier run must not pass for this one when this run cannot write it.
        File.Delete(pdf);
        // The workbook is written while Chromium prints (the browser works in its own processes).
        var workbook = Task.Run(() =>
        {
            WorkbookWriter.Write(document, xlsx + ".tmp");
            File.Move(xlsx + ".tmp", xlsx, overwrite: true);
        }, ct);
        PdfResult result;
        try
        {
            // The HTML is written first without page numbers; with Chromium it is printed, read back and written again with the
            // table of contents' page numbers, then printed again (and checked).
            result = await PdfRenderer.RenderWithContentsAsync(pages => HtmlRenderer.Render(document, c => charts[c.Id], pages), HtmlRenderer.ContentsEntries(document),
                html, pdf, document.Title, session, ct);
        }
        finally
        {
            await workbook;
        }
        return new NationalReportOutput(document, html, xlsx, result.Path, result.Problem);
    }
}
