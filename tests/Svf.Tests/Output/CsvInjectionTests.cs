using System.Text;
using Svf.Domain;
using Svf.Output;
using Svf.Storage;
using Svf.Tests.Support;
using static Svf.Tests.Support.TestSubmissions;

namespace Svf.Tests.Output;

/// <summary>CSV written by the system never lets text from outside become a formula in a spreadsheet (OWASP CSV injection).</summary>
public class CsvInjectionTests
{
    private sealed record Row(string Text, int Count, double Share, decimal Amount, long? Total, DateOnly Date);

    private static string[] Lines<T>(IEnumerable<T> rows)
    {
        var w = new StringWriter();
        TableExport.WriteCsv(rows, w);
        return w.ToString().Split(Environment.NewLine);
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("=HYPERLINK(\"http://x\";\"klicka\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"klicka\"\")\"")]
    [InlineData("+46 70 123", "\"'+46 70 123\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("-5", "\"'-5\"")]                     // text that looks like a number is still text from outside
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("\uFF1D1+1", "\"'\uFF1D1+1\"")]       // full-width equals sign
    [InlineData("Region Skåne; ny rutin", "\"Region Skåne; ny rutin\"")]
    [InlineData("a \"citat\"", "\"a \"\"citat\"\"\"")]
    [InlineData("1+1=2", "1+1=2")]                     // only the first character matters
    [InlineData("'redan", "'redan")]
    [InlineData("", "")]
    public void A_text_cell_that_could_start_a_formula_gets_an_apostrophe_and_quotes(string text, string cell)
    {
        var line = Lines([new Row(text, 1, 0.5, 1m, null, new DateOnly(2025, 1, 2))])[1];
        line.ShouldBe($"{cell};1;0.5;1;;2025-01-02");
    }

    [Fact]
    public void Negative_numbers_written_from_numeric_properties_stay_numbers()
    {
        var lines = Lines([new Row("-", -5, -0.25, -1200.5m, -3, new DateOnly(2025, 1, 2))]);
        lines[0].ShouldBe("text;count;share;amount;total;date");
        lines[1].ShouldBe("\"'-\";-5;-0.25;-1200.5;-3;2025-01-02");
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_file_name_from_outside_cannot_become_a_formula_in_the_history_csv(string provider)
    {
        using var t = TestDatabases.Create(provider);
        Service(t.Db).SubmitPathways(new CsvBuilder().Rows(2).Stream(), "=cmd|' -C calc'!A0.csv", "01", ReportingPeriod.Parse("2025"), "t");
        var lines = Lines(SubmissionStore.History(t.Db));
        var header = lines[0].Split(';');
        var fileName = Array.IndexOf(header, "file_name");
        lines[1].ShouldContain(";\"'=cmd|' -C calc'!A0.csv\";"); // and not as the cell's first character
        lines[1].Split(';')[fileName].ShouldBe("\"'=cmd|' -C calc'!A0.csv\"");
    }
}
