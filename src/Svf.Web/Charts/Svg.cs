using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Svf.Output;

namespace Svf.Web.Charts;

/// <summary>
/// Small charts drawn server-side as inline SVG (no script, no library): a share over time with its goal line, and value ranges
/// per unit. Each has a title and a text description for screen readers; the numbers are also in the table beside it.
/// </summary>
public static class Svg
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private const int W = 760, H = 300, Left = 56, Right = 16, Top = 20, Bottom = 56;

    public sealed record Point(string Label, double? Value);

    /// <summary>A share (0–1) over periods as a line with a dashed goal line (e.g. 0.80 within the limit, 0.70 inclusion).</summary>
    public static IHtmlContent ShareOverTime(string id, string title, IReadOnlyList<Point> points, double goal, string goalText)
    {
        var b = Start(id, title, $"{title}. {string.Join("; ", points.Select(p => $"{p.Label}: {SwedishFormat.Percent(p.Value)}"))}. {goalText}.");
        double Y(double v) => Top + (H - Top - Bottom) * (1 - Math.Clamp(v, 0, 1));
        var plotW = W - Left - Right;
        double X(int i) => Left + (points.Count <= 1 ? plotW / 2.0 : plotW * i / (double)(points.Count - 1));
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            b.Append(Inv($"<line x1=\"{Left}\" y1=\"{Y(tick):0.#}\" x2=\"{W - Right}\" y2=\"{Y(tick):0.#}\" stroke=\"#d0d0d0\"/>"));
            b.Append(Inv($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">{tick * 100:0} %</text>"));
        }
        b.Append(Inv($"<line x1=\"{Left}\" y1=\"{Y(goal):0.#}\" x2=\"{W - Right}\" y2=\"{Y(goal):0.#}\" stroke=\"#a3161a\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"));
        b.Append(Inv($"<text x=\"{W - Right}\" y=\"{Y(goal) - 6:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#a3161a\">{Encoder.Encode(goalText)}</text>"));
        var path = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                path.Append(path.Length == 0 ? 'M' : 'L').Append(Inv($"{X(i):0.#},{Y(v):0.#} "));
                b.Append(Inv($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(v):0.#}\" r=\"4\" fill=\"#00507a\"><title>{Encoder.Encode(points[i].Label)}: {SwedishFormat.Percent(v)}</title></circle>"));
            }
            b.Append(Inv($"<text x=\"{X(i):0.#}\" y=\"{H - Bottom + 18}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">{Encoder.Encode(points[i].Label)}</text>"));
        }
        if (path.Length > 0)
        {
            b.Append(Inv($"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"#00507a\" stroke-width=\"2\"/>"));
        }
        return End(b);
    }

    public sealed record Range(string Label, double? Median, double? P80, double? P90);

    /// <summary>Lead-time distribution per unit: a bar to the median, a whisker to the 80th and a mark at the 90th percentile (days).</summary>
    public static IHtmlContent LeadTimeRanges(string id, string title, IReadOnlyList<Range> ranges)
    {
        var rowH = 22;
        var height = Top + Bottom / 2 + rowH * Math.Max(1, ranges.Count);
        var max = Math.Max(10, ranges.Select(r => r.P90 ?? r.P80 ?? r.Median ?? 0).DefaultIfEmpty(0).Max());
        var labelW = 170;
        var plotW = W - labelW - Right;
        double X(double d) => labelW + plotW * d / max;
        var b = Start(id, title, $"{title}. " + string.Join("; ", ranges.Select(r => $"{r.Label}: median {SwedishFormat.Number(r.Median, 0)}, 80:e percentilen {SwedishFormat.Number(r.P80, 0)}, 90:e percentilen {SwedishFormat.Number(r.P90, 0)} dagar")), height);
        var step = max > 120 ? 30 : max > 60 ? 20 : 10;
        for (var d = 0; d <= max; d += step)
        {
            b.Append(Inv($"<line x1=\"{X(d):0.#}\" y1=\"{Top - 4}\" x2=\"{X(d):0.#}\" y2=\"{height - Bottom / 2}\" stroke=\"#e0e0e0\"/>"));
            b.Append(Inv($"<text x=\"{X(d):0.#}\" y=\"{Top - 8}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">{d}</text>"));
        }
        for (var i = 0; i < ranges.Count; i++)
        {
            var r = ranges[i];
            var y = Top + i * rowH;
            b.Append(Inv($"<text x=\"{labelW - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{Encoder.Encode(r.Label)}</text>"));
            if (r.Median is { } m)
            {
                b.Append(Inv($"<rect x=\"{labelW}\" y=\"{y + 4}\" width=\"{X(m) - labelW:0.#}\" height=\"14\" fill=\"#00507a\"><title>{Encoder.Encode(r.Label)}: median {SwedishFormat.Number(m, 0)} dagar</title></rect>"));
            }
            if (r.Median is { } from && r.P80 is { } p80)
            {
                b.Append(Inv($"<line x1=\"{X(from):0.#}\" y1=\"{y + 11}\" x2=\"{X(p80):0.#}\" y2=\"{y + 11}\" stroke=\"#1b1b1b\" stroke-width=\"2\"/>"));
            }
            if (r.P90 is { } p90)
            {
                b.Append(Inv($"<line x1=\"{X(p90):0.#}\" y1=\"{y + 4}\" x2=\"{X(p90):0.#}\" y2=\"{y + 18}\" stroke=\"#a3161a\" stroke-width=\"2\"/>"));
            }
        }
        b.Append(Inv($"<text x=\"{labelW}\" y=\"{height - 6}\" font-size=\"11\" fill=\"#333\">Dagar från välgrundad misstanke till start av första behandling: stapel = median, linje till 80:e percentilen, röd markering = 90:e percentilen.</text>"));
        return End(b);
    }

    private static StringBuilder Start(string id, string title, string description, int height = H)
    {
        var b = new StringBuilder();
        b.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" width=\"{W}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">"));
        b.Append(Inv($"<title id=\"{id}-t\">{Encoder.Encode(title)}</title><desc id=\"{id}-d\">{Encoder.Encode(description)}</desc>"));
        b.Append(Inv($"<rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{height}\" fill=\"#ffffff\"/>"));
        return b;
    }

    private static HtmlString End(StringBuilder b) => new(b.Append("</svg>").ToString());

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
