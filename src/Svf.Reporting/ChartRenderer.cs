using System.Globalization;
using ScottPlot;
using Svf.NationalReport;
using Svf.Output;

namespace Svf.Reporting;

/// <summary>
/// Draws the report's charts with ScottPlot as SVG (vector, with a viewBox so that CSS can scale it). Swedish labels,
/// the Okabe–Ito colour-blind-safe palette, DejaVu Sans (ScottPlot's default resolves to a serif font on Debian).
/// </summary>
public static class ChartRenderer
{
    /// <summary>Okabe–Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow.</summary>
    public static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"];

    private const int Width = 820;

    static ChartRenderer()
    {
        // Must be set before any Plot is created, or value labels stay in the serif default.
        Fonts.Default = "DejaVu Sans";
    }

    private static readonly object Gate = new();

    public static string Svg(ChartSpec spec)
    {
        // ScottPlot's font default is global state: draw one chart at a time.
        lock (Gate)
        {
            var (plot, height) = spec switch
            {
                BarChartSpec b => Bars(b),
                StackedBarChartSpec s => Stacked(s),
                LineChartSpec l => Lines(l),
                _ => throw new NotSupportedException(spec.GetType().Name),
            };
            plot.Title(spec.Title, size: 15);
            plot.Axes.Title.Label.FontName = Fonts.Default;
            return WithViewBox(plot.GetSvgXml(Width, height), Width, height);
        }
    }

    /// <summary>ScottPlot writes width and height but no viewBox; without it a scaled SVG is cropped in HTML.</summary>
    internal static string WithViewBox(string svg, int width, int height)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0 || svg.IndexOf("viewBox", start, StringComparison.Ordinal) is var v && v > 0 && v < svg.IndexOf('>', start))
        {
            return svg;
        }
        return svg.Insert(start + 4, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"xMidYMid meet\""));
    }

    private static Color C(int i) => Color.FromHex(Palette[i % Palette.Length]);

    private static string Pct(double v) => v.ToString("0", SwedishFormat.Culture) + " %";

    private static (Plot, int) Bars(BarChartSpec spec)
    {
        var plot = new Plot();
        var n = spec.Categories.Count;
        var s = spec.Series.Count;
        var size = 0.8 / Math.Max(1, s);
        var scale = spec.Percent ? 100.0 : 1.0;
        double Pos(int cat, int series) => (spec.Horizontal ? n - 1 - cat : cat) + (series - (s - 1) / 2.0) * size * (spec.Horizontal ? -1 : 1);
        for (var j = 0; j < s; j++)
        {
            var series = spec.Series[j];
            var bars = new List<Bar>();
            for (var i = 0; i < n; i++)
            {
                if (series.Values[i] is { } value)
                {
                    bars.Add(new Bar { Position = Pos(i, j), Value = value * scale, Size = size * 0.92, FillColor = C(j), LineWidth = 0 });
                }
            }
            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = spec.Horizontal;
            plottable.LegendText = series.Name;
            if (series.Low is { } low && series.High is { } high)
            {
                for (var i = 0; i < n; i++)
                {
                    if (low[i] is { } l && high[i] is { } h)
                    {
                        var p = Pos(i, j);
                        var line = spec.Horizontal ? plot.Add.Line(l * scale, p, h * scale, p) : plot.Add.Line(p, l * scale, p, h * scale);
                        line.Color = Colors.Black;
                        line.LineWidth = 1.5f;
                        line.MarkerSize = 0;
                    }
                }
            }
        }
        if (spec.Goal is { } goal)
        {
            var g = spec.Horizontal ? (IHasLine)plot.Add.VerticalLine(goal * scale) : plot.Add.HorizontalLine(goal * scale);
            g.LineStyle.Color = C(3);
            g.LineStyle.Width = 2;
            g.LineStyle.Pattern = LinePattern.Dashed;
            ((IHasLegendText)g).LegendText = spec.GoalLabel ?? "";
        }
        var positions = Enumerable.Range(0, n).Select(i => (double)(spec.Horizontal ? n - 1 - i : i)).ToArray();
        var labels = spec.Categories.ToArray();
        var valueAxis = spec.Horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        var categoryAxis = spec.Horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        categoryAxis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        categoryAxis.MajorTickStyle.Length = 0;
        if (spec.Percent)
        {
            valueAxis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Pct };
        }
        valueAxis.Label.Text = spec.ValueLabel;
        plot.Axes.Margins(0.02, 0.05);
        var all = spec.Series.SelectMany(x => x.Values.Concat(x.Low ?? []).Concat(x.High ?? [])).OfType<double>().ToList();
        if (spec.Percent && all.All(v => v >= 0))
        {
            // Shares: the whole 0-100 % scale, so that the goal line and the bars are seen in proportion.
            if (spec.Horizontal)
            {
                plot.Axes.SetLimitsX(0, 100);
            }
            else
            {
                plot.Axes.SetLimitsY(0, Math.Max(10, Math.Ceiling(all.DefaultIfEmpty(0).Max() * 10) * 10));
            }
        }
        if (!spec.Horizontal && n > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }
        if (s > 1 || spec.Goal is not null)
        {
            plot.ShowLegend(Alignment.LowerRight);
        }
        var height = spec.Horizontal ? Math.Max(260, 110 + n * (s > 1 ? 26 : 18)) : 420;
        return (plot, height);
    }

    private static (Plot, int) Stacked(StackedBarChartSpec spec)
    {
        var plot = new Plot();
        var n = spec.Categories.Count;
        var bases = new double[n];
        for (var j = 0; j < spec.Segments.Count; j++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < n; i++)
            {
                var v = spec.Segments[j].Values[i] ?? 0;
                bars.Add(new Bar { Position = n - 1 - i, ValueBase = bases[i], Value = bases[i] + v, Size = 0.7, FillColor = C(j), LineWidth = 0 });
                bases[i] += v;
            }
            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
            plottable.LegendText = spec.Segments[j].Name;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), spec.Categories.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = spec.ValueLabel;
        plot.Axes.Margins(0.02, 0.05);
        plot.ShowLegend(Alignment.LowerRight);
        return (plot, Math.Max(260, 120 + n * 24));
    }

    private static (Plot, int) Lines(LineChartSpec spec)
    {
        var plot = new Plot();
        var scale = spec.Percent ? 100.0 : 1.0;
        for (var j = 0; j < spec.Series.Count; j++)
        {
            var points = spec.Series[j].Values.Select((v, i) => (v, i)).Where(t => t.v is not null).ToList();
            var scatter = plot.Add.Scatter(points.Select(t => (double)t.i).ToArray(), points.Select(t => t.v!.Value * scale).ToArray());
            scatter.Color = C(j);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            scatter.LegendText = spec.Series[j].Name;
        }
        if (spec.Goal is { } goal)
        {
            var g = plot.Add.HorizontalLine(goal * scale);
            g.LineStyle.Color = C(3);
            g.LineStyle.Width = 2;
            g.LineStyle.Pattern = LinePattern.Dashed;
            g.LegendText = spec.GoalLabel ?? "";
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, spec.Categories.Count).Select(i => (double)i).ToArray(), spec.Categories.ToArray());
        if (spec.Percent)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Pct };
        }
        plot.Axes.Left.Label.Text = spec.ValueLabel;
        plot.Axes.Margins(0.05, 0.1);
        plot.ShowLegend(Alignment.LowerRight);
        return (plot, 380);
    }
}
