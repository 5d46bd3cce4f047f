using System.Diagnostics;
using Svf.Indicators;
using Svf.Output;
using UglyToad.PdfPig;

namespace Svf.Reporting.Tests;

/// <summary>The PDF read back with PdfPig: key figures against the indicator engine and the assessment; page furniture.</summary>
[Collection("report")]
public class PdfReportTests(ReportFixture f)
{
    private static string Norm(string s) => s.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private List<string> Pages()
    {
        f.Output.PdfPath.ShouldNotBeNull(f.Output.PdfProblem);
        using var pdf = PdfDocument.Open(f.Output.PdfPath);
        var pages = pdf.GetPages().Select(p => Norm(string.Join(' ', p.GetWords().Select(w => w.Text)))).ToList();
        // Kept as a test artefact beside the page images: what a reader of the PDF's text gets.
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "report-text.txt"), pages.Select((p, i) => $"--- sida {i + 1}\n{p}"));
        return pages;
    }

    [Fact]
    public void The_summary_states_the_national_within_limit_shares_computed_by_the_indicator_engine()
    {
        var rows = f.Indicators();
        var nation = rows.Single(r => r.Level == "nation" && r.Svf == "TOTAL" && r.Sex == "TOTAL");
        var women = rows.Single(r => r.Level == "nation" && r.Svf == "TOTAL" && r.Sex == "K");
        var men = rows.Single(r => r.Level == "nation" && r.Svf == "TOTAL" && r.Sex == "M");
        var summary = Pages().First(p => p.Contains("1 Sammanfattning och nationella slutsatser Rapporten", StringComparison.Ordinal));
        summary.ShouldContain(Norm($"I riket startade {SwedishFormat.Percent(nation.WithinLimitShare)} av patienterna sin behandling inom SVF-ledtiden 2025 " +
                                   $"(kvinnor {SwedishFormat.Percent(women.WithinLimitShare)}, män {SwedishFormat.Percent(men.WithinLimitShare)})"));
        summary.ShouldContain(Norm($"Inklusionsgraden i riket var {SwedishFormat.Percent(nation.InclusionRate)}"));
    }

    /// <summary>The text lines of the pages: words grouped by baseline, left to right (a table row's first line is one line).</summary>
    private List<string> Lines()
    {
        using var pdf = PdfDocument.Open(f.Output.PdfPath!);
        var lines = new List<string>();
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords().OrderByDescending(w => w.BoundingBox.Bottom).ToList();
            var current = new List<UglyToad.PdfPig.Content.Word>();
            foreach (var w in words)
            {
                if (current.Count > 0 && Math.Abs(current[0].BoundingBox.Bottom - w.BoundingBox.Bottom) > 1.5)
                {
                    lines.Add(Norm(string.Join(' ', current.OrderBy(x => x.BoundingBox.Left).Select(x => x.Text))));
                    current.Clear();
                }
                current.Add(w);
            }
            if (current.Count > 0)
            {
                lines.Add(Norm(string.Join(' ', current.OrderBy(x => x.BoundingBox.Left).Select(x => x.Text))));
            }
        }
        return lines;
    }

    [Fact]
    public void Each_region_line_of_the_goal_table_carries_the_engine_figures()
    {
        var rows = f.Indicators();
        var lines = Lines();
        foreach (var code in new[] { "01", "12", "21" })
        {
            var name = ReportFixture.Reference.RegionsByCode[code].Name;
            var both = rows.Single(r => r.Level == "region" && r.UnitCode == code && r.Svf == "TOTAL" && r.Sex == "TOTAL");
            var women = rows.Single(r => r.Level == "region" && r.UnitCode == code && r.Svf == "TOTAL" && r.Sex == "K");
            var men = rows.Single(r => r.Level == "region" && r.UnitCode == code && r.Svf == "TOTAL" && r.Sex == "M");
            // Inclusion women, men (not reported by sex: –), total, goal met; within limit women, men, total, goal met; treated women, men.
            var figures = $"– – {SwedishFormat.Percent(both.InclusionRate)} {(both.InclusionGoalMet == true ? "ja" : "nej")} " +
                          $"{SwedishFormat.Percent(women.WithinLimitShare)} {SwedishFormat.Percent(men.WithinLimitShare)} {SwedishFormat.Percent(both.WithinLimitShare)} " +
                          $"{(both.LeadTimeGoalMet == true ? "ja" : "nej")} {SwedishFormat.Number(women.WithLimit!.Value)} {SwedishFormat.Number(men.WithLimit!.Value)}";
            lines.ShouldContain(l => l.StartsWith(code + " ", StringComparison.Ordinal) && l.EndsWith(Norm(figures), StringComparison.Ordinal),
                $"no line for {code} {name} ending with: {figures}");
        }
    }

    [Fact]
    public void The_deviations_and_allocation_are_those_of_the_assessment()
    {
        var assessment = f.Assessment();
        var text = string.Join(' ', Pages());
        var failed = assessment.Conditions.Where(c => c.Outcome != Svf.Assessment.ConditionOutcome.Met).ToList();
        failed.ShouldNotBeEmpty();
        failed.Select(c => c.RegionCode).ShouldContain("21"); // Gävleborg misses inclusion in the generated data
        var html = File.ReadAllText(f.Output.HtmlPath);
        foreach (var c in failed)
        {
            html.ShouldContain(System.Net.WebUtility.HtmlEncode(c.Evidence));
            if (c.Value is { } v && c.CiLow is { } lo && c.CiHigh is { } hi)
            {
                // The measured value with its interval, as the assessment states it, on the first line of the evidence cell.
                text.ShouldContain(Norm($"{SwedishFormat.Percent(v)} [{SwedishFormat.Number(lo * 100, 1)}–{SwedishFormat.Number(hi * 100, 1)}]"));
            }
        }
        var allocation = Svf.Assessment.Allocator.Allocate(assessment, ReportFixture.Reference, ReportFixture.Rules.DefaultFailedSharePolicy);
        foreach (var row in allocation.Rows.Where(r => r.PaymentId == "payment2"))
        {
            text.ShouldContain(Norm(SwedishFormat.Kronor(row.Amount)));
        }
    }

    [Fact]
    public void Every_page_has_its_number_and_the_first_pages_hold_the_title_and_a_table_of_contents()
    {
        var pages = Pages();
        pages.Count.ShouldBeGreaterThan(20);
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain($"Sida {i + 1} av {pages.Count}");
        }
        pages[0].ShouldContain("Uppföljning av regionernas arbete med standardiserade vårdförlopp 2025");
        pages[0].ShouldContain("Delredovisning");
        pages[1].ShouldContain("Innehåll");
        pages[1].ShouldContain("6.1 Var dagarna går förlorade");
        pages[1].ShouldContain("6.2 Kvinnor och män: en rättvis jämförelse");
    }

    [Fact]
    public void Each_entry_of_the_table_of_contents_gives_the_page_its_heading_is_printed_on()
    {
        using var pdf = PdfDocument.Open(f.Output.PdfPath.ShouldNotBeNull(f.Output.PdfProblem));
        var pages = pdf.GetPages().ToList();
        // What a reader sees: the table of contents' words (page 2), and per page the words larger than the summary's body text
        // (page 3, the first paragraph after the chapter heading): h2 and h3.
        var toc = Norm(string.Join(' ', pages[1].GetWords().Select(w => w.Text)));
        var body = pages[2].GetWords().First(w => w.Text == "Rapporten").Letters[0].PointSize;
        string Big(UglyToad.PdfPig.Content.Page page) =>
            Norm(string.Join(' ', page.GetWords().Where(w => w.Letters.Count > 0 && w.Letters[0].PointSize > body * 1.2).Select(w => w.Text)));
        var big = pages.Select(Big).ToList();
        var entries = HtmlRenderer.ContentsEntries(f.Output.Document);
        entries.Count.ShouldBeGreaterThan(15);
        var previous = 2;
        foreach (var (_, heading) in entries)
        {
            var m = System.Text.RegularExpressions.Regex.Match(toc, System.Text.RegularExpressions.Regex.Escape(heading) + @" (\d+)");
            m.Success.ShouldBeTrue($"Innehållet saknar sidnummer för \"{heading}\": {toc}");
            var page = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            page.ShouldBeGreaterThanOrEqualTo(previous, heading);
            big[page - 1].ShouldContain(heading, Case.Sensitive, $"sida {page}");
            // Not printed as a heading on an earlier page of the body.
            big.Skip(2).Take(page - 3).ShouldNotContain(t => t.Contains(heading, StringComparison.Ordinal), heading);
            previous = page;
        }
        // The appendix (one region a page) is the last chapter.
        System.Text.RegularExpressions.Regex.Match(toc, @"10 Bilaga: regionerna (\d+)").Groups[1].Value.ShouldBe(
            (big.FindIndex(t => t.Contains("10 Bilaga: regionerna", StringComparison.Ordinal)) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_table_that_spans_pages_repeats_its_header()
    {
        var pages = Pages();
        // The submissions table (three files per region) runs over more than one page; every page with its rows has the header.
        var withRows = pages.Where(p => p.Contains("pathways-", StringComparison.Ordinal) && p.Contains("förlopp 2025", StringComparison.Ordinal)).ToList();
        withRows.Count.ShouldBeGreaterThan(1);
        withRows.ShouldAllBe(p => p.Contains("SHA-256 (början)", StringComparison.Ordinal));
    }

    [Fact]
    public void Regions_free_text_is_shown_as_text_not_markup()
    {
        var html = File.ReadAllText(f.Output.HtmlPath);
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        string.Join(' ', Pages()).ShouldContain("<script>alert(1)</script>");
    }

    [Fact]
    public void The_first_pages_are_rendered_to_png_as_test_artefacts()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        foreach (var old in Directory.GetFiles(dir, "report-page-*.png"))
        {
            File.Delete(old);
        }
        using var p = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "6", f.Output.PdfPath!, Path.Combine(dir, "report-page")])
            { RedirectStandardError = true })!;
        p.WaitForExit(60_000).ShouldBeTrue();
        p.ExitCode.ShouldBe(0, p.StandardError.ReadToEnd());
        var pngs = Directory.GetFiles(dir, "report-page-*.png").Order().ToList();
        pngs.Count.ShouldBe(6);
        // A page with text and a chart is far from an empty (white) PNG.
        pngs.ShouldAllBe(png => new FileInfo(png).Length > 2_000);
        File.ReadAllBytes(pngs[0])[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
    }
}
