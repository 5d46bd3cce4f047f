using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Svf.Reporting;

/// <summary>One result table as a workbook of one sheet: the portal's Excel download of every table that has a CSV download.</summary>
public static partial class WorkbookWriter
{
    /// <summary>
    /// Writes a workbook with one sheet: the column names in row 1 (frozen), then one row per table row. Numbers are number
    /// cells (whole numbers with a thousands separator), dates date serials, everything else inline text: no cell is a
    /// formula, so text that starts with "=" stays text. Cells come as <see cref="Svf.Output.TableExport.Cells{T}"/> gives them.
    /// </summary>
    /// <param name="columns">The column names (the CSV header).</param>
    /// <param name="rows">The cells of each row: null, <see cref="double"/>, <see cref="DateOnly"/> or text.</param>
    /// <param name="stream">Where the workbook goes (must be seekable: the package is zipped on close).</param>
    /// <param name="sheetName">The sheet's name (cut to Excel's 31 characters, characters it forbids removed).</param>
    public static void WriteTable(IReadOnlyList<string> columns, IEnumerable<object?[]> rows, Stream stream, string sheetName)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        var header = new Row { RowIndex = 1 };
        for (var i = 0; i < columns.Count; i++)
        {
            header.Append(Text(1, i, columns[i], Header));
        }
        var sheetRows = new List<Row> { header };
        uint n = 1;
        foreach (var values in rows)
        {
            n++;
            var row = new Row { RowIndex = n };
            for (var i = 0; i < Math.Min(columns.Count, values.Length); i++)
            {
                Cell? cell = values[i] switch
                {
                    null => null,
                    double d when double.IsFinite(d) => Number(n, i, d, d == Math.Floor(d) && Math.Abs(d) < 1e15 ? Integer : 0u),
                    double => null,
                    DateOnly date => Number(n, i, date.DayNumber - new DateOnly(1899, 12, 30).DayNumber, Date),
                    var other => Text(n, i, Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture) ?? "", 0),
                };
                if (cell is not null)
                {
                    row.Append(cell);
                }
            }
            sheetRows.Add(row);
        }
        var widths = columns.Select(c => (double)Math.Clamp(c.Length + 2, 10, 40)).ToArray();
        AddSheet(workbook, sheets, NationalReportSheetName(sheetName), sheetRows, widths, freezeHeader: true);
        workbook.Workbook.Save();
    }
}
