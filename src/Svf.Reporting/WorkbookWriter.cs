using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Svf.NationalReport;
using Svf.Output;

namespace Svf.Reporting;

/// <summary>
/// The report as an Excel workbook (Open XML): a README sheet (what the report was built from, definitions, caveats,
/// which sheet holds which table), then one sheet per table with the header in row 1. Numbers are stored as numbers
/// (shares as fractions with a percent format, dates as date serials), text as inline strings: no cell is ever a
/// formula, so a region's free text that starts with "=" stays text.
/// </summary>
public static partial class WorkbookWriter
{
    // Cell formats (indexes into CellFormats below).
    private const uint Header = 1, Percent = 2, Integer = 3, OneDecimal = 4, Date = 5, Wrap = 6, Bold = 7;

    public static void Write(NationalReportDocument doc, string path)
    {
        using (var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var tables = doc.Tables().ToList();
            var names = UniqueNames(tables);

            AddSheet(workbook, sheets, "README", Readme(doc, tables, names), [28, 110], freezeHeader: false);
            for (var i = 0; i < tables.Count; i++)
            {
                var t = tables[i];
                var rows = new List<Row> { HeaderRow(t) };
                for (var r = 0; r < t.Rows.Count; r++)
                {
                    rows.Add(DataRow(t, t.Rows[r], (uint)(r + 2)));
                }
                // Text columns fit their longest value (at least the header), numbers their header; never wider than 80
                // (a long header, e.g. a 2026 condition's name, wraps in its cell).
                var widths = t.Columns.Select((c, k) => c.Kind == ColumnKind.Text
                    ? Math.Min(80, Math.Max(t.Rows.Select(row => (row[k] as string)?.Length ?? 0).DefaultIfEmpty(0).Max() + 2, Math.Max(12, c.Header.Length + 2)))
                    : Math.Clamp(c.Header.Length + 2, 10, 24)).Select(w => (double)w).ToArray();
                AddSheet(workbook, sheets, names[i], rows, widths, freezeHeader: true);
            }
            workbook.Workbook.Save();
        }
    }

    private static List<string> UniqueNames(List<ReportTable> tables)
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "README" };
        var names = new List<string>();
        foreach (var t in tables)
        {
            var name = NationalReportSheetName(t.Id);
            for (var k = 2; !used.Add(name); k++)
            {
                var suffix = " " + k;
                name = NationalReportSheetName(t.Id)[..Math.Min(31 - suffix.Length, NationalReportSheetName(t.Id).Length)] + suffix;
            }
            names.Add(name);
        }
        return names;
    }

    private static string NationalReportSheetName(string id)
    {
        var clean = new string(id.Where(ch => "[]:*?/\\".IndexOf(ch) < 0).ToArray()).Trim('\'');
        return clean.Length <= 31 ? clean : clean[..31].TrimEnd();
    }

    private static List<Row> Readme(NationalReportDocument doc, List<ReportTable> tables, List<string> names)
    {
        var rows = new List<Row>();
        void Line(string a, string b = "", bool bold = false)
        {
            var n = (uint)rows.Count + 1;
            rows.Add(new Row(Text(n, 0, a, bold ? Bold : 0u), Text(n, 1, b, Wrap)) { RowIndex = n });
        }
        Line(doc.Title, "", bold: true);
        Line("Redovisning", doc.Subtitle);
        Line("År", doc.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line("Framställd", IsoDate.ToText(doc.BuiltOn));
        Line("Publicering", doc.ForPublication ? "För publicering: publiceringsregeln är tillämpad (tomma celler kan vara undertryckta värden)." : "Internt arbetsmaterial – ej för publicering; publiceringsregeln är inte tillämpad.");
        Line("Siffrornas fingeravtryck", doc.FiguresFingerprint);
        Line("Tomma celler", "Värdet saknas, kan inte beräknas eller visas inte enligt publiceringsregeln. Andelar lagras som bråk (0,8 = 80 %) med procentformat.");
        Line("");
        Line("Blad", "Innehåll", bold: true);
        for (var i = 0; i < tables.Count; i++)
        {
            Line(names[i], tables[i].Title + (tables[i].Note is { } note ? " — " + note : ""));
        }
        Line("");
        Line("Definitioner", "", bold: true);
        foreach (var (term, definition) in doc.Definitions)
        {
            Line(term, definition);
        }
        Line("");
        Line("Underlag", "", bold: true);
        foreach (var (name, value) in doc.Provenance.Parameters)
        {
            Line(name, value);
        }
        Line("Regelverkets källa", doc.Provenance.RulesSource);
        Line("Regelverkets fingeravtryck", doc.Provenance.RulesFingerprint);
        Line("Referensdatas fingeravtryck", doc.Provenance.ReferenceDataFingerprint);
        Line("Inrapporterade filer", $"{doc.Provenance.Submissions.Count} gällande filer; se bladet \"{names[tables.FindIndex(t => t.Id == "Underlag inrapportering")]}\".");
        Line("");
        Line("Förbehåll", doc.Caveats.Count == 0 ? "Inga preliminära parametrar." : $"{doc.Caveats.Count} preliminära parametrar:", bold: true);
        foreach (var caveat in doc.Caveats)
        {
            Line("", caveat);
        }
        return rows;
    }

    private static Row HeaderRow(ReportTable t)
    {
        var row = new Row { RowIndex = 1 };
        for (var i = 0; i < t.Columns.Count; i++)
        {
            row.Append(Text(1, i, t.Columns[i].Header, Header));
        }
        return row;
    }

    private static Row DataRow(ReportTable t, object?[] values, uint n)
    {
        var row = new Row { RowIndex = n };
        for (var i = 0; i < t.Columns.Count; i++)
        {
            var kind = t.Columns[i].Kind;
            var cell = values[i] switch
            {
                null => null,
                string s => Text(n, i, s, s.Length > 60 ? Wrap : 0u),
                double d when double.IsFinite(d) => Number(n, i, d, kind is ColumnKind.Share or ColumnKind.PointDifference ? Percent : OneDecimal),
                double => null,
                long l => Number(n, i, l, Integer),
                int k => Number(n, i, k, Integer),
                DateOnly date => Number(n, i, date.DayNumber - new DateOnly(1899, 12, 30).DayNumber, Date),
                var other => Text(n, i, Convert.ToString(other, SwedishFormat.Culture) ?? "", 0),
            };
            if (cell is not null)
            {
                row.Append(cell);
            }
        }
        return row;
    }

    internal static string Reference(uint row, int column)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + (c - 1) % 26) + name;
        }
        return name + row;
    }

    private static Cell Number(uint row, int column, double value, uint style) =>
        new() { CellReference = Reference(row, column), DataType = CellValues.Number, CellValue = new CellValue(value), StyleIndex = style };

    private static Cell Text(uint row, int column, string value, uint style) =>
        new(new InlineString(new Text(Clean(value)) { Space = SpaceProcessingModeValues.Preserve }))
        { CellReference = Reference(row, column), DataType = CellValues.InlineString, StyleIndex = style };

    /// <summary>XML cannot hold most control characters; a region's text with one must not break the workbook.</summary>
    private static string Clean(string s) =>
        s.Any(ch => ch < 0x20 && ch is not '\t' and not '\n' and not '\r') ? new string(s.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray()) : s;

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, string name, List<Row> rows, double[] widths, bool freezeHeader)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var worksheet = new Worksheet();
        if (freezeHeader)
        {
            worksheet.Append(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
        }
        worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        worksheet.Append(new SheetData(rows));
        part.Worksheet = worksheet;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0" })
        { Count = 3 },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EEF3" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),                                                                                                                    // 0 default
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Bottom }) { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, ApplyAlignment = true }, // 1 header
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },                                                                   // 2 percent
            new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },                                                                     // 3 #,##0
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },                                                                   // 4 0.0
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },                                                                   // 5 date
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true },                   // 6 wrap
            new CellFormat { FontId = 1, ApplyFont = true })                                                                                     // 7 bold
        { Count = 8 });
}
