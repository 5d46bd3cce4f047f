namespace Svf.NationalReport;

/// <summary>Delredovisning (15 November) or slutredovisning (29 April the year after) of the assignment.</summary>
public enum NationalReportKind
{
    Interim,
    Final,
}

/// <summary>How a column's values are stored (workbook) and shown (HTML/PDF).</summary>
public enum ColumnKind
{
    Text,
    /// <summary>A whole number (long).</summary>
    Count,
    /// <summary>A fraction 0..1 (double), shown as a percentage.</summary>
    Share,
    /// <summary>A difference of two shares (double, fraction), shown in percentage points.</summary>
    PointDifference,
    /// <summary>Days (double), one decimal.</summary>
    Days,
    /// <summary>Whole kronor (long).</summary>
    Kronor,
    Date,
}

public sealed record ReportColumn(string Header, ColumnKind Kind)
{
    /// <summary>False for columns only in the workbook (e.g. interval bounds the PDF shows in a chart), to keep the page readable.</summary>
    public bool InDocument { get; init; } = true;
}

/// <summary>
/// One table of the report: the same rows become an HTML table (PDF) and one workbook sheet. Cells are string, long,
/// double, DateOnly or null (shown as "–"): numbers stay numbers all the way to the workbook.
/// </summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Shown under the table (source, rule, what "–" means here).</summary>
    public string? Note { get; init; }

    /// <summary>False for long tables that are only in the workbook (the PDF says so).</summary>
    public bool InDocument { get; init; } = true;

    /// <summary>The column index by header (tests and renderers).</summary>
    public int Column(string header) => Columns.Select((c, i) => (c, i)).Single(t => t.c.Header == header).i;
}

public abstract record ReportBlock;

public sealed record ParagraphBlock(string Text) : ReportBlock;

public sealed record ListBlock(IReadOnlyList<string> Items) : ReportBlock;

public sealed record TableBlock(ReportTable Table) : ReportBlock;

public sealed record ChartBlock(ChartSpec Chart) : ReportBlock;

public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportBlock> Blocks)
{
    public IReadOnlyList<ReportSection> Subsections { get; init; } = [];
}

/// <summary>One data series of a chart; values null where the figure is missing or suppressed.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values)
{
    public IReadOnlyList<double?>? Low { get; init; }
    public IReadOnlyList<double?>? High { get; init; }
}

/// <summary>A chart the renderer draws; <see cref="Description"/> is its text alternative.</summary>
public abstract record ChartSpec(string Id, string Title, string Description);

/// <summary>Bars per category (one bar per series, side by side), optional interval whiskers and a goal line.</summary>
public sealed record BarChartSpec(string Id, string Title, string Description, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    string ValueLabel, bool Percent) : ChartSpec(Id, Title, Description)
{
    public double? Goal { get; init; }
    public string? GoalLabel { get; init; }
    /// <summary>Horizontal bars (long category names, e.g. regions).</summary>
    public bool Horizontal { get; init; }
}

/// <summary>Stacked bars: each series is one segment of every bar.</summary>
public sealed record StackedBarChartSpec(string Id, string Title, string Description, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Segments,
    string ValueLabel) : ChartSpec(Id, Title, Description);

/// <summary>Lines over ordered categories (periods).</summary>
public sealed record LineChartSpec(string Id, string Title, string Description, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    string ValueLabel, bool Percent) : ChartSpec(Id, Title, Description)
{
    public double? Goal { get; init; }
    public string? GoalLabel { get; init; }
}

/// <summary>What the report was built from, so that the same inputs can be seen to give the same figures.</summary>
public sealed record ReportProvenance(
    IReadOnlyList<SubmissionReference> Submissions,
    string RulesSource,
    string RulesFingerprint,
    string ReferenceDataFingerprint,
    IReadOnlyList<(string Name, string Value)> Parameters);

public sealed record SubmissionReference(long Id, string RegionCode, string Kind, string Period, int Version, string FileName, string ContentSha256, DateTime ReceivedAtUtc, int WarningCount);

/// <summary>The whole report as content: sections of text, tables and charts, in Swedish. Rendered by Svf.Reporting.</summary>
public sealed record NationalReportDocument
{
    public required int Year { get; init; }
    public required NationalReportKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Subtitle { get; init; }
    public required DateOnly BuiltOn { get; init; }
    public required bool ForPublication { get; init; }
    public required ReportProvenance Provenance { get; init; }
    public required IReadOnlyList<ReportSection> Sections { get; init; }
    /// <summary>Definitions for the workbook's README sheet.</summary>
    public required IReadOnlyList<(string Term, string Definition)> Definitions { get; init; }
    public required IReadOnlyList<string> Caveats { get; init; }
    /// <summary>SHA-256 of every table's figures (not of the build date): equal inputs give an equal fingerprint.</summary>
    public required string FiguresFingerprint { get; init; }

    public IEnumerable<ReportSection> AllSections() => Sections.SelectMany(s => s.Subsections.Prepend(s));

    public IEnumerable<ReportTable> Tables() => AllSections().SelectMany(s => s.Blocks.OfType<TableBlock>()).Select(b => b.Table);

    public IEnumerable<ChartSpec> Charts() => AllSections().SelectMany(s => s.Blocks.OfType<ChartBlock>()).Select(b => b.Chart);

    public ReportTable Table(string id) => Tables().Single(t => t.Id == id);

    /// <summary>Base file name: svf-rapport-2026-delredovisning.</summary>
    public string FileStem => $"svf-rapport-{Year}-{(Kind == NationalReportKind.Interim ? "delredovisning" : "slutredovisning")}";
}
