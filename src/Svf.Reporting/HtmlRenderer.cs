using System.Globalization;
using System.Net;
using System.Text;
using Svf.NationalReport;
using Svf.Output;

namespace Svf.Reporting;

/// <summary>
/// The report as one self-contained HTML page (charts inline as SVG): the source of the PDF, and a page the portal can
/// serve as it is. Every text from the content model is HTML-encoded (regions' free text included).
/// </summary>
public static class HtmlRenderer
{
    /// <param name="pages">The PDF page of each table-of-contents entry (by section id), from a first print
    /// (<see cref="PdfRenderer.RenderWithContentsAsync"/>); null or a missing id leaves the entry's page blank. The page column has
    /// a fixed width (a dotted leader fills the line up to it), so filling it in does not move anything: the numbers found on
    /// the first print stay true.</param>
    public static string Render(NationalReportDocument doc, Func<ChartSpec, string> chartSvg, IReadOnlyDictionary<string, int>? pages = null)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>").Append(E(doc.Title)).Append("</title>\n<style>").Append(Css).Append("</style></head><body>\n");
        b.Append("<header class=\"title-page\"><p class=\"org\">Socialstyrelsen</p><h1>").Append(E(doc.Title)).Append("</h1><p class=\"subtitle\">").Append(E(doc.Subtitle)).Append("</p>");
        b.Append("<p class=\"meta\">Framställd ").Append(IsoDate.ToText(doc.BuiltOn)).Append(" ur lagrade data. Siffrornas fingeravtryck (SHA-256): <code>").Append(E(doc.FiguresFingerprint[..16])).Append("</code></p>");
        if (!doc.ForPublication)
        {
            b.Append("<p class=\"internal\">Internt arbetsmaterial – ej för publicering (publiceringsregeln är inte tillämpad).</p>");
        }
        if (doc.Caveats.Count > 0)
        {
            b.Append("<p class=\"caveat\">Förbehåll: ").Append(doc.Caveats.Count.ToString(CultureInfo.InvariantCulture))
                .Append(" parametrar i regelverket är preliminära och kan ändra bedömningen. Se avsnittet om metod.</p>");
        }
        b.Append("</header>\n<nav class=\"toc\" aria-label=\"Innehåll\"><h2>Innehåll</h2><ol>");
        for (var i = 0; i < doc.Sections.Count; i++)
        {
            var s = doc.Sections[i];
            b.Append("<li>");
            TocLine(b, s.Id, Heading(doc, i), pages);
            if (s.Subsections.Count > 0 && s.Id != "bilaga")
            {
                b.Append("<ol>");
                for (var k = 0; k < s.Subsections.Count; k++)
                {
                    b.Append("<li>");
                    TocLine(b, s.Subsections[k].Id, Heading(doc, i, k), pages);
                    b.Append("</li>");
                }
                b.Append("</ol>");
            }
            b.Append("</li>");
        }
        b.Append("</ol></nav>\n<main>\n");
        var counters = new Counters();
        for (var i = 0; i < doc.Sections.Count; i++)
        {
            var s = doc.Sections[i];
            b.Append("<section id=\"").Append(E(s.Id)).Append("\" class=\"chapter\"><h2>").Append(E(Heading(doc, i))).Append("</h2>\n");
            Blocks(b, s.Blocks, chartSvg, counters);
            for (var k = 0; k < s.Subsections.Count; k++)
            {
                var sub = s.Subsections[k];
                b.Append("<section id=\"").Append(E(sub.Id)).Append('"').Append(s.Id == "bilaga" ? " class=\"appendix-region\"" : "").Append("><h3>").Append(E(Heading(doc, i, k))).Append("</h3>\n");
                Blocks(b, sub.Blocks, chartSvg, counters);
                b.Append("</section>\n");
            }
            b.Append("</section>\n");
        }
        b.Append("</main></body></html>\n");
        return b.ToString();
    }

    /// <summary>
    /// The entries of the table of contents in reading order: every chapter and its subsections (not the appendix's regions),
    /// with the heading exactly as printed ("6.1 Var dagarna går förlorade").
    /// </summary>
    public static IReadOnlyList<(string Id, string Heading)> ContentsEntries(NationalReportDocument doc)
    {
        var entries = new List<(string, string)>();
        for (var i = 0; i < doc.Sections.Count; i++)
        {
            var s = doc.Sections[i];
            entries.Add((s.Id, Heading(doc, i)));
            if (s.Id != "bilaga")
            {
                entries.AddRange(s.Subsections.Select((sub, k) => (sub.Id, Heading(doc, i, k))));
            }
        }
        return entries;
    }

    /// <summary>A chapter's heading ("6 Varför ledtidsmålen inte nås") or, with <paramref name="sub"/>, a subsection's ("6.1 …").</summary>
    private static string Heading(NationalReportDocument doc, int chapter, int? sub = null) => sub is { } k
        ? $"{chapter + 1}.{k + 1} {doc.Sections[chapter].Subsections[k].Title}"
        : $"{chapter + 1} {doc.Sections[chapter].Title}";

    private static void TocLine(StringBuilder b, string id, string heading, IReadOnlyDictionary<string, int>? pages)
    {
        b.Append("<div class=\"toc-line\"><a href=\"#").Append(E(id)).Append("\">").Append(E(heading)).Append("</a><span class=\"toc-fill\" aria-hidden=\"true\"></span><span class=\"toc-page\">");
        if (pages is not null && pages.TryGetValue(id, out var page))
        {
            b.Append(page.ToString(CultureInfo.InvariantCulture));
        }
        b.Append("</span></div>");
    }

    private sealed class Counters
    {
        public int Tables;
        public int Figures;
    }

    private static void Blocks(StringBuilder b, IReadOnlyList<ReportBlock> blocks, Func<ChartSpec, string> chartSvg, Counters n)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    b.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case ListBlock l:
                    b.Append("<ul>");
                    foreach (var item in l.Items)
                    {
                        b.Append("<li>").Append(E(item)).Append("</li>");
                    }
                    b.Append("</ul>\n");
                    break;
                case TableBlock { Table: var t } when !t.InDocument:
                    b.Append("<p class=\"note\">Tabellen ”").Append(E(t.Title)).Append("” (").Append(t.Rows.Count).Append(" rader) finns i arbetsboken, blad ”").Append(E(t.Id)).Append("”.</p>\n");
                    break;
                case TableBlock { Table: var t }:
                    Table(b, t, ++n.Tables);
                    break;
                case ChartBlock { Chart: var c }:
                    b.Append("<figure class=\"chart\"><div role=\"img\" aria-label=\"").Append(E(c.Description)).Append("\">").Append(chartSvg(c)).Append("</div><figcaption>Figur ")
                        .Append(++n.Figures).Append(". ").Append(E(c.Title)).Append("</figcaption></figure>\n");
                    break;
            }
        }
    }

    private static void Table(StringBuilder b, ReportTable t, int number)
    {
        b.Append("<table class=\"data\"><caption>Tabell ").Append(number).Append(". ").Append(E(t.Title)).Append("</caption><thead><tr>");
        var shown = Enumerable.Range(0, t.Columns.Count).Where(i => t.Columns[i].InDocument).ToArray();
        foreach (var c in shown.Select(i => t.Columns[i]))
        {
            b.Append(c.Kind == ColumnKind.Text ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">").Append(E(c.Header)).Append("</th>");
        }
        b.Append("</tr></thead><tbody>\n");
        foreach (var row in t.Rows)
        {
            b.Append("<tr>");
            foreach (var i in shown)
            {
                var kind = t.Columns[i].Kind;
                var wide = kind == ColumnKind.Text && row[i] is string { Length: > 60 };
                b.Append(kind == ColumnKind.Text ? (wide ? "<td class=\"long\">" : "<td>") : "<td class=\"num\">").Append(E(Cell(row[i], kind))).Append("</td>");
            }
            b.Append("</tr>\n");
        }
        b.Append("</tbody></table>\n");
        var hidden = t.Columns.Where(c => !c.InDocument).Select(c => c.Header).ToList();
        if (t.Note is not null || hidden.Count > 0)
        {
            b.Append("<p class=\"note\">").Append(E(t.Note ?? ""));
            if (hidden.Count > 0)
            {
                b.Append(t.Note is null ? "" : " ").Append(E($"Arbetsboken (blad ”{t.Id}”) har också: {string.Join(", ", hidden)}."));
            }
            b.Append("</p>\n");
        }
    }

    /// <summary>A cell as Swedish readers see it (SwedishFormat); null is "–".</summary>
    public static string Cell(object? value, ColumnKind kind) => value switch
    {
        null => SwedishFormat.Missing,
        double d when kind is ColumnKind.Share => SwedishFormat.Percent(NoNegativeZero(d, 3)),
        double d when kind is ColumnKind.PointDifference => SwedishFormat.Number(NoNegativeZero(d * 100, 1), 1),
        double d => SwedishFormat.Number(NoNegativeZero(d, 1), 1),
        long l when kind is ColumnKind.Kronor => SwedishFormat.Kronor(l),
        long l => SwedishFormat.Number(l),
        int i => SwedishFormat.Number(i),
        DateOnly date => SwedishFormat.Date(date),
        string s => s,
        _ => Convert.ToString(value, SwedishFormat.Culture) ?? "",
    };

    /// <summary>Rounded as shown, so that −0,04 is shown as 0,0 and not as "−0,0".</summary>
    private static double NoNegativeZero(double value, int decimals)
    {
        var r = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return r == 0 ? 0 : value;
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private const string Css = """
        @page { size: A4; margin: 20mm 14mm 18mm 14mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; color: #1a1a1a; line-height: 1.4; margin: 0; }
        .title-page { break-after: page; padding-top: 40mm; }
        .title-page .org { font-size: 12pt; color: #0b4f7c; font-weight: bold; }
        h1 { font-size: 22pt; color: #0b4f7c; margin: 8mm 0 4mm; }
        .subtitle { font-size: 13pt; }
        .meta { font-size: 8.5pt; color: #444; margin-top: 20mm; }
        .internal { border: 2px solid #D55E00; padding: 2mm 3mm; font-weight: bold; }
        .caveat { border-left: 4px solid #E69F00; padding-left: 3mm; }
        nav.toc { break-after: page; }
        nav.toc ol { list-style: none; padding-left: 0; }
        nav.toc ol ol { padding-left: 6mm; }
        nav.toc a { color: #1a1a1a; text-decoration: none; }
        nav.toc .toc-line { display: flex; align-items: baseline; gap: 2mm; }
        nav.toc .toc-line a { flex: 0 1 auto; }
        nav.toc .toc-fill { flex: 1 1 auto; border-bottom: 1px dotted #999; min-width: 6mm; }
        nav.toc .toc-page { flex: 0 0 10mm; text-align: right; }
        @media screen { nav.toc .toc-page, nav.toc .toc-fill { display: none; } }
        h2 { font-size: 15pt; color: #0b4f7c; break-after: avoid; }
        section.chapter { break-before: page; }
        h3 { font-size: 12pt; color: #0b4f7c; break-after: avoid; margin-top: 6mm; }
        section.appendix-region { break-before: page; }
        table.data { border-collapse: collapse; width: 100%; font-size: 7.2pt; margin: 3mm 0 1mm; }
        table.data caption { text-align: left; font-weight: bold; font-size: 8.5pt; padding-bottom: 1.5mm; caption-side: top; }
        table.data thead { display: table-header-group; }
        table.data th { white-space: normal; hyphens: auto; background: #e8eef3; border-bottom: 1px solid #333; text-align: left; vertical-align: bottom; padding: 1mm 1.2mm; }
        table.data td { border-bottom: 1px solid #ccc; padding: 0.8mm 1.2mm; vertical-align: top; }
        table.data tr { break-inside: avoid; }
        .num { text-align: right; white-space: nowrap; }
        td.long { min-width: 45mm; }
        p.note { font-size: 7.5pt; color: #444; margin-top: 0.5mm; }
        figure.chart { break-inside: avoid; margin: 4mm 0; }
        figure.chart svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 8.5pt; font-weight: bold; }
        code { font-size: 8pt; }
        """;
}
