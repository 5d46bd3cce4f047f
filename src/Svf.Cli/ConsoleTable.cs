using System.Globalization;
using System.Text;

namespace Svf.Cli;

/// <summary>A plain text table for the terminal. Numbers are formatted for Swedish readers (sv-SE) here only.</summary>
internal sealed class ConsoleTable(params string[] headers)
{
    public static readonly CultureInfo Sv = Svf.Output.SwedishFormat.Culture;
    private readonly List<string[]> _rows = [];

    /// <summary>A row; each cell is kept to one line, so a value from outside (a file name) cannot forge a row.</summary>
    public void Add(params string[] cells) => _rows.Add(Array.ConvertAll(cells, Svf.Output.SafeText.OneLine));

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var b = new StringBuilder();
        Line(b, headers, widths);
        b.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in _rows)
        {
            Line(b, r, widths);
        }
        return b.ToString();
    }

    private static void Line(StringBuilder b, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            // First column left-aligned (names), the rest right-aligned (numbers).
            b.Append(i == 0 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
            if (i < cells.Length - 1)
            {
                b.Append("  ");
            }
        }
        b.AppendLine();
    }

    public static string Pct(double? share) => Svf.Output.SwedishFormat.Percent(share);

    public static string Ci(double? low, double? high) =>
        low is { } l && high is { } h ? Svf.Output.SwedishFormat.PercentInterval(l, h) : "";

    public static string Num(long? n) => n is { } v ? v.ToString("N0", Sv) : "–";

    public static string Days(double? d) => d is { } v ? v.ToString("0.#", Sv) : "–";
}
