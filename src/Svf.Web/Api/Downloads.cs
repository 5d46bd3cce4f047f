using System.Text;
using Svf.Output;
using Svf.Reporting;

namespace Svf.Web.Api;

/// <summary>
/// Every table as JSON (default), CSV (?format=csv) or Excel (?format=xlsx) through TableExport: the same stable columns as
/// the CLI (docs/output-columns.md); the workbook holds numbers as numbers and text as text (never a formula).
/// </summary>
public static class Downloads
{
    public static IResult Table<T>(IEnumerable<T> rows, string? format, string fileStem)
    {
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(Csv(rows), "text/csv; charset=utf-8", fileStem + ".csv");
        }
        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(Xlsx(rows, fileStem), XlsxContentType, fileStem + ".xlsx");
        }
        var json = new MemoryStream();
        TableExport.WriteJson(rows, json);
        json.Position = 0;
        return string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            ? Results.File(json, "application/json; charset=utf-8", fileStem + ".json")
            : Results.Stream(json, "application/json; charset=utf-8");
    }

    public static byte[] Csv<T>(IEnumerable<T> rows)
    {
        using var ms = new MemoryStream();
        using (var w = new StreamWriter(ms, new UTF8Encoding(false)))
        {
            TableExport.WriteCsv(rows, w);
        }
        return ms.ToArray();
    }

    /// <summary>The media type of an Excel workbook.</summary>
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The rows as a one-sheet workbook named after the file (the CSV's columns in row 1).</summary>
    public static byte[] Xlsx<T>(IEnumerable<T> rows, string sheetName)
    {
        using var ms = new MemoryStream();
        WorkbookWriter.WriteTable(TableExport.ColumnNames<T>(), TableExport.Cells(rows), ms, sheetName);
        return ms.ToArray();
    }

    public static byte[] Json<T>(IEnumerable<T> rows)
    {
        using var ms = new MemoryStream();
        TableExport.WriteJson(rows, ms);
        return ms.ToArray();
    }
}
