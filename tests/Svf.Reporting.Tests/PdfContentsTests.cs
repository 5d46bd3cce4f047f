namespace Svf.Reporting.Tests;

/// <summary>Finding the page of each heading from the pages' heading-sized text (the search behind the table of contents' page numbers).</summary>
public class PdfContentsTests
{
    private static readonly (string Id, string Heading)[] Headings =
    [
        ("a", "1 Sammanfattning"), ("b", "2 Rapportering och återkoppling"), ("b1", "2.1 Per region"), ("c", "3 Metod"),
    ];

    [Fact]
    public void Each_heading_gets_the_first_page_it_is_on_at_or_after_the_heading_before_it()
    {
        // Page 2 (index 1) repeats "2.1 Per region" in a large chart title before its chapter: not taken, the search goes in order.
        string[] pages = ["", "2.1Perregion", "1Sammanfattning", "", "2Rapporteringochåterkoppling2.1Perregion", "3Metod"];
        PdfContents.Locate(pages, Headings).ShouldBe(new Dictionary<string, int> { ["a"] = 3, ["b"] = 5, ["b1"] = 5, ["c"] = 6 });
    }

    [Fact]
    public void A_heading_that_is_not_found_gets_no_page_and_does_not_move_the_search()
    {
        string[] pages = ["1Sammanfattning", "2.1Perregion", "3Metod"];
        PdfContents.Locate(pages, Headings).ShouldBe(new Dictionary<string, int> { ["a"] = 1, ["b1"] = 2, ["c"] = 3 });
    }

    [Fact]
    public void White_space_no_break_spaces_line_breaks_and_soft_hyphens_do_not_count()
    {
        PdfContents.Compact("5 Väntetider\u00A0med mer än 50\u202F%\nock\u00ADså").ShouldBe("5Väntetidermedmerän50%också");
    }
}
