using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Svf.Web.Api;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Api;

/// <summary>Every table with a CSV download also comes as an Excel workbook (?format=xlsx), read back here with the Open XML SDK.</summary>
[Collection(PortalCollection.Name)]
public sealed class ExcelDownloadTests(PortalFixture portal)
{
    /// <summary>The cells of the workbook's only sheet, by reference ("A1"), and the number of rows.</summary>
    internal static (Dictionary<string, Cell> Cells, int Rows) Read(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        return (rows.SelectMany(r => r.Elements<Cell>()).ToDictionary(c => c.CellReference!.Value!), rows.Count);
    }

    internal static string TextOf(Cell c) => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.Text!.Text : c.CellValue!.Text;

    internal static double NumberOf(Cell c)
    {
        (c.DataType?.Value ?? CellValues.Number).ShouldBe(CellValues.Number);
        return double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture);
    }

    /// <summary>"A1"-style reference of a 1-based row and 0-based column (columns here stay below Z·26).</summary>
    private static string Ref(int row, int column) =>
        (column < 26 ? "" : ((char)('A' + column / 26 - 1)).ToString()) + (char)('A' + column % 26) + row.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_reporting_status_as_xlsx_holds_the_json_figures_with_numbers_as_numbers()
    {
        using var c = await portal.ApiClientAsync("analytiker");
        var json = JsonDocument.Parse(await c.GetStringAsync("/api/v1/reporting-status/2025")).RootElement.EnumerateArray().ToList();
        var response = await c.GetAsync("/api/v1/reporting-status/2025?format=xlsx");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Downloads.XlsxContentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("rapporteringsstatus-2025.xlsx");
        var (cells, rows) = Read(await response.Content.ReadAsByteArrayAsync());

        rows.ShouldBe(22); // the header and 21 regions
        TextOf(cells["A1"]).ShouldBe("year");
        TextOf(cells["B1"]).ShouldBe("region_code");
        TextOf(cells["E1"]).ShouldBe("months_reported");
        NumberOf(cells["A2"]).ShouldBe(2025);
        TextOf(cells["B2"]).ShouldBe(json[0].GetProperty("region_code").GetString());
        TextOf(cells["C2"]).ShouldBe(json[0].GetProperty("region_name").GetString());
        for (var i = 0; i < 21; i++)
        {
            NumberOf(cells[$"E{i + 2}"]).ShouldBe(json[i].GetProperty("months_reported").GetInt32());
        }
    }

    [Fact]
    public async Task The_indicator_table_as_xlsx_has_the_csv_columns_and_its_counts_as_number_cells()
    {
        using var c = await portal.ApiClientAsync("analytiker");
        const string query = "/api/v1/indicators?period_kind=year&within=2025&unit=SE&svf=TOTAL&sex=TOTAL";
        var json = JsonDocument.Parse(await c.GetStringAsync(query)).RootElement.EnumerateArray().Single();
        var csvHeader = (await c.GetStringAsync(query + "&format=csv")).Split('\n')[0].TrimEnd('\r').Split(';');
        var (cells, rows) = Read(await c.GetByteArrayAsync(query + "&format=xlsx"));

        rows.ShouldBe(2);
        for (var i = 0; i < csvHeader.Length; i++)
        {
            TextOf(cells[Ref(1, i)]).ShouldBe(csvHeader[i]);
        }
        var started = Array.IndexOf(csvHeader, "started");
        NumberOf(cells[Ref(2, started)]).ShouldBe(json.GetProperty("started").GetInt32());
        TextOf(cells[Ref(2, Array.IndexOf(csvHeader, "unit_code"))]).ShouldBe("SE");
    }

    [Fact]
    public void Text_that_looks_like_a_formula_stays_text_and_dates_are_date_serials()
    {
        var rows = new[] { new Sample("=HYPERLINK(\"http://x\")", -12.5, new DateOnly(2025, 1, 31), ["2025-07", "2025-08"]) };
        var (cells, _) = Read(Downloads.Xlsx(rows, "prov"));

        cells["A2"].DataType!.Value.ShouldBe(CellValues.InlineString);
        cells["A2"].CellFormula.ShouldBeNull();
        TextOf(cells["A2"]).ShouldBe("=HYPERLINK(\"http://x\")");
        NumberOf(cells["B2"]).ShouldBe(-12.5);
        NumberOf(cells["C2"]).ShouldBe(45688); // 2025-01-31 as an Excel date serial
        TextOf(cells["D2"]).ShouldBe("2025-07,2025-08");
    }

    private sealed record Sample(string Text, double Value, DateOnly Date, IReadOnlyList<string> Months);
}
