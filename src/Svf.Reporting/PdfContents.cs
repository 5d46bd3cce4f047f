using UglyToad.PdfPig;

namespace Svf.Reporting;

/// <summary>
/// Finds on which page of a printed PDF each heading of the table of contents lands (Chromium's print has no
/// <c>target-counter()</c>, so the page numbers come from reading a first print back with PdfPig).
/// </summary>
public static class PdfContents
{
    /// <summary>
    /// Words at least this many times the size of the table of contents' entries are heading text: in the report's CSS h2 is
    /// 15 pt and h3 12 pt against 9.5 pt for body text and the entries (1.26 times), captions 8.5 pt, table cells 7.2 pt. So an
    /// entry of the table of contents never passes for its heading. (Relative, because Chromium scales the page when it prints:
    /// the sizes PdfPig reads are not the CSS sizes.)
    /// </summary>
    public const double HeadingToEntryRatio = 1.15;

    /// <summary>
    /// The 1-based page of each heading, searched in order (each heading on the page of the one before or later), by its
    /// text with white space removed among the page's heading-sized words (<see cref="HeadingToEntryRatio"/>). A heading not found has no entry.
    /// </summary>
    public static Dictionary<string, int> Locate(byte[] pdf, IReadOnlyList<(string Id, string Heading)> headings)
    {
        using var document = PdfDocument.Open(pdf);
        var words = document.GetPages().Select(p => p.GetWords().Where(w => w.Letters.Count > 0).Select(w => (w.Text, Size: w.Letters[0].PointSize)).ToList()).ToList();
        if (headings.Count == 0)
        {
            return [];
        }
        // The table of contents: the first page with the first and the last entry; its typical (median) word is an entry's.
        var (first, last) = (Compact(headings[0].Heading), Compact(headings[^1].Heading));
        var toc = words.FindIndex(p => Compact(string.Concat(p.Select(w => w.Text))) is var all && all.Contains(first, StringComparison.Ordinal) && all.Contains(last, StringComparison.Ordinal));
        if (toc < 0)
        {
            return [];
        }
        var sizes = words[toc].Select(w => w.Size).Order().ToList();
        var entry = sizes[sizes.Count / 2];
        return Locate(words.Select(p => Compact(string.Concat(p.Where(w => w.Size >= entry * HeadingToEntryRatio).Select(w => w.Text)))).ToList(), headings);
    }

    internal static Dictionary<string, int> Locate(IReadOnlyList<string> headingTextPerPage, IReadOnlyList<(string Id, string Heading)> headings)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var cursor = 0;
        foreach (var (id, heading) in headings)
        {
            var key = Compact(heading);
            for (var p = cursor; p < headingTextPerPage.Count; p++)
            {
                if (headingTextPerPage[p].Contains(key, StringComparison.Ordinal))
                {
                    found[id] = p + 1;
                    cursor = p;
                    break;
                }
            }
        }
        return found;
    }

    /// <summary>Text without white space of any kind (spaces, no-break spaces, line breaks) and soft hyphens.</summary>
    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00AD'));
}
