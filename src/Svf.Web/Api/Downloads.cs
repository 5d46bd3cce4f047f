using System.Text;
using Svf.Output;

namespace Svf.Web.Api;

/// <summary>Every table as JSON (default) or CSV (?format=csv) through TableExport: the same stable columns as the CLI (docs/output-columns.md).</summary>
public static class Downloads
{
    public static IResult Table<T>(IEnumerable<T> rows, string? format, string fileStem)
    {
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(Csv(rows), "text/csv; charset=utf-8", fileStem + ".csv");
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

    public static byte[] Json<T>(IEnumerable<T> rows)
    {
        using var ms = new MemoryStream();
        TableExport.WriteJson(rows, ms);
        return ms.ToArray();
    }
}
