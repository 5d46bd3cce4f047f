using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Svf.NationalReport;

namespace Svf.Reporting.Tests;

/// <summary>The workbook read back cell by cell: numbers are numbers, text never a formula, suppression applied.</summary>
[Collection("report")]
public class WorkbookReportTests(ReportFixture f)
{
    private sealed record Sheet(string Name, Dictionary<string, Cell> Cells);

    private List<Sheet> Read()
    {
        using var doc = SpreadsheetDocument.Open(f.Output.WorkbookPath, false);
        var wb = doc.WorkbookPart!;
        return wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s =>
        {
            var part = (WorksheetPart)wb.GetPartById(s.Id!);
            return new Sheet(s.Name!, part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => (Cell)c.CloneNode(true)));
        }).ToList();
    }

    private static double Num(Sheet s, string reference)
    {
        var c = s.Cells[reference];
        c.DataType!.Value.ShouldBe(CellValues.Number, $"{s.Name}!{reference} is not stored as a number");
        return double.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A number, or null where the cell is absent (a missing or suppressed value).</summary>
    private static double? NumOrNull(Sheet s, string reference) => s.Cells.ContainsKey(reference) ? Num(s, reference) : null;

    private static string Text(Sheet s, string reference) => s.Cells[reference].InlineString?.Text?.Text ?? s.Cells[reference].CellValue?.Text ?? "";

    [Fact]
    public void The_workbook_has_a_readme_and_one_sheet_per_table()
    {
        var sheets = Read();
        sheets[0].Name.ShouldBe("README");
        Text(sheets[0], "A1").ShouldBe(f.Output.Document.Title);
        sheets[0].Cells.Values.Select(c => c.InlineString?.Text?.Text).ShouldContain(f.Output.Document.FiguresFingerprint);
        sheets.Skip(1).Select(s => s.Name).ShouldBe(f.Output.Document.Tables().Select(t => t.Id));
    }

    [Fact]
    public void The_region_goal_sheet_holds_the_engine_figures_as_numbers()
    {
        var sheet = Read().Single(s => s.Name == "Region inklusion och ledtid");
        var table = f.Output.Document.Table("Region inklusion och ledtid");
        for (var i = 0; i < table.Columns.Count; i++)
        {
            Text(sheet, Svf.Reporting.WorkbookWriter.Reference(1, i)).ShouldBe(table.Columns[i].Header);
        }
        var rows = f.Indicators();
        var regions = ReportFixture.Reference.Regions;
        for (var r = 0; r < regions.Count; r++)
        {
            var n = (uint)r + 2;
            var both = rows.Single(x => x.Level == "region" && x.UnitCode == regions[r].Code && x.Svf == "TOTAL" && x.Sex == "TOTAL");
            var women = rows.Single(x => x.Level == "region" && x.UnitCode == regions[r].Code && x.Svf == "TOTAL" && x.Sex == "K");
            Text(sheet, $"A{n}").ShouldBe($"{regions[r].Code} {regions[r].Name}");
            sheet.Cells.ContainsKey($"B{n}").ShouldBeFalse("inclusion for women: new cases are not reported by sex, so the cell is empty");
            NumOrNull(sheet, $"D{n}").ShouldBe(both.InclusionRate);
            NumOrNull(sheet, $"E{n}").ShouldBe(both.InclusionCiLow);
            NumOrNull(sheet, $"H{n}").ShouldBe(women.WithinLimitShare);
            NumOrNull(sheet, $"J{n}").ShouldBe(both.WithinLimitShare);
            NumOrNull(sheet, $"N{n}").ShouldBe(women.WithLimit);
            sheet.Cells[$"D{n}"].StyleIndex!.Value.ShouldBe(2u); // 0.0 %
        }
    }

    [Fact]
    public void The_allocation_sheet_holds_the_allocators_kronor()
    {
        var sheet = Read().Single(s => s.Name == "Fördelning");
        var allocation = Svf.Assessment.Allocator.Allocate(f.Assessment(), ReportFixture.Reference, ReportFixture.Rules.DefaultFailedSharePolicy);
        Text(sheet, "B1").ShouldBe("Första utbetalningen");
        Text(sheet, "C1").ShouldBe("Andra utbetalningen");
        Text(sheet, "D1").ShouldBe("Innehållet");
        var regions = ReportFixture.Reference.Regions;
        for (var r = 0; r < regions.Count; r++)
        {
            var n = r + 2;
            var own = allocation.Rows.Where(x => x.RegionCode == regions[r].Code).ToList();
            Num(sheet, $"B{n}").ShouldBe(own.Single(x => x.PaymentId == "payment1").Amount);
            Num(sheet, $"C{n}").ShouldBe(own.Single(x => x.PaymentId == "payment2").Amount);
            Num(sheet, $"D{n}").ShouldBe(own.Sum(x => x.Withheld));
            NumOrNull(sheet, $"F{n}").ShouldBe(own.Single(x => x.PaymentId == "payment2").Population);
        }
        Num(sheet, $"C{regions.Count + 2}").ShouldBe(182_500_000 - allocation.Rows.Where(x => x.PaymentId == "payment2").Sum(x => x.Withheld));
    }

    [Fact]
    public void A_regions_text_that_looks_like_a_formula_stays_text()
    {
        using (var doc = SpreadsheetDocument.Open(f.Output.WorkbookPath, false))
        {
            doc.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()).ShouldBeEmpty();
        }
        var sheets = Read();
        var cells = sheets.SelectMany(s => s.Cells.Values.Select(c => (s.Name, c))).Where(t => t.c.InlineString?.Text?.Text?.Contains("=HYPERLINK", StringComparison.Ordinal) == true).ToList();
        cells.Select(t => t.Name).Distinct().Order().ShouldBe(["Avvikelser", "Hinder per SVF"]);
        cells.ShouldAllBe(t => t.c.DataType!.Value == CellValues.InlineString);
    }

    [Fact]
    public void For_publication_no_patient_count_of_1_to_4_is_shown()
    {
        var doc = f.Output.Document;
        doc.ForPublication.ShouldBeTrue();
        var checkedCells = 0;
        foreach (var table in doc.Tables().Where(t => t.Id.StartsWith("Bilaga", StringComparison.Ordinal) || t.Id is "Riket per SVF" or "Segment alla" or "Över ledtid per region"))
        {
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    if (table.Columns[i].Kind == ColumnKind.Count && row[i] is long n)
                    {
                        (n == 0 || n >= 5).ShouldBeTrue($"{table.Id}: {table.Columns[i].Header} = {n}");
                        checkedCells++;
                    }
                }
            }
        }
        checkedCells.ShouldBeGreaterThan(500);
        // Small regions' rows really were suppressed (Gotland has few patients per SVF in the small data set).
        doc.Tables().Single(t => t.Id.StartsWith("Bilaga 09", StringComparison.Ordinal)).Rows.ShouldContain(r => r.Any(v => v == null));
    }
}
