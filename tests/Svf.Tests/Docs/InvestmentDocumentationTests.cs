using System.Text.Json;
using System.Text.RegularExpressions;
using Svf.Ingestion;
using Svf.Investments;
using Svf.Output;
using Svf.Reconciliation;

namespace Svf.Tests.Docs;

/// <summary>docs/special-investments.md, docs/skr-reconciliation.md, their schemas and output-columns.md must match the code.</summary>
public class InvestmentDocumentationTests
{
    private static readonly string Root = Support.RepositoryRoot.Path;

    private static string Doc(string name) => File.ReadAllText(Path.Combine(Root, "docs", name));

    /// <summary>Literal codes passed to Error(...) / Warning(...) in a feature folder, plus the column-derived ones (column + ".missing" / ".invalid").</summary>
    private static SortedSet<string> Codes(string folder)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src", "Svf", folder), "*.cs"))
        {
            foreach (Match call in Regex.Matches(File.ReadAllText(file), @"\b(?:Error|Warning)\(([^,;)]*)"))
            {
                foreach (Match literal in Regex.Matches(call.Groups[1].Value, @"""([a-z0-9_]+(?:\.[a-z0-9_]+)+)"""))
                {
                    codes.Add(literal.Groups[1].Value);
                }
            }
        }
        return codes;
    }

    [Fact]
    public void Every_investment_issue_code_is_documented()
    {
        var codes = Codes("Investments");
        codes.Count.ShouldBeGreaterThan(15);
        // Codes built from the column name in InvestmentValidator.Text / Amount / Date.
        foreach (var c in new[] { InvestmentColumns.Criteria, InvestmentColumns.ProjectId, InvestmentColumns.ProjectName, InvestmentColumns.ResponsibleUnit, InvestmentColumns.Aim })
        {
            codes.Add(c + ".missing");
        }
        foreach (var c in new[] { InvestmentColumns.AmountPassedOn, InvestmentColumns.Amount })
        {
            codes.Add(c + ".missing");
            codes.Add(c + ".invalid");
        }
        codes.Add(InvestmentColumns.StartDate + ".missing");
        var doc = Doc("special-investments.md");
        codes.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_skr_issue_code_is_documented()
    {
        var codes = Codes("Reconciliation");
        codes.Count.ShouldBeGreaterThan(10);
        var doc = Doc("skr-reconciliation.md");
        codes.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void The_skr_schema_has_exactly_the_columns()
    {
        using var schema = JsonDocument.Parse(Doc("skr-figures.schema.json"));
        schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ShouldBe(SkrColumns.All);
        schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(SkrColumns.Required);
        schema.RootElement.GetProperty("x-format-version").GetString().ShouldBe(SkrColumns.FormatVersion);
        Doc("skr-reconciliation.md").ShouldContain("PROPOSAL, to be agreed with SKR and RCC i samverkan");
    }

    [Fact]
    public void The_investment_schema_has_exactly_the_columns()
    {
        using var schema = JsonDocument.Parse(Doc("investment-report.schema.json"));
        var props = schema.RootElement.GetProperty("properties");
        var areas = props.GetProperty("areas").GetProperty("items").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        var projects = props.GetProperty("projects").GetProperty("items").GetProperty("properties").EnumerateObject().Select(p => p.Name);
        areas.Concat(projects).Prepend(InvestmentColumns.RowType).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(InvestmentColumns.All.Order(StringComparer.Ordinal));
        schema.RootElement.GetProperty("$defs").GetProperty("area").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(InvestmentAreas.All);
        schema.RootElement.GetProperty("x-format-version").GetString().ShouldBe(InvestmentColumns.FormatVersion);
    }

    [Fact]
    public void The_example_in_the_skr_page_is_accepted_and_agrees_with_the_test_data()
    {
        var doc = Doc("skr-reconciliation.md");
        var example = Regex.Match(doc, "```\n(region;svf;sex;period[^`]*)```").Groups[1].Value;
        example.ShouldBe(Svf.Tests.Reconciliation.SkrTestData.Agreeing);
    }

    [Fact]
    public void Every_output_column_is_documented()
    {
        var doc = Doc("output-columns.md");
        var columns = new[]
        {
            TableExport.ColumnNames<AllocationShare>(), TableExport.ColumnNames<RecipientTotal>(), TableExport.ColumnNames<LagesbildRow>(),
            TableExport.ColumnNames<ProjectRow>(), TableExport.ColumnNames<LeadTimeEffectRow>(), TableExport.ColumnNames<ImportFeedback>(),
            TableExport.ColumnNames<ReconciliationCell>(), TableExport.ColumnNames<ReconciliationRegionTotal>(), TableExport.ColumnNames<ReconciliationSummary>(),
        }.SelectMany(c => c).Distinct();
        columns.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
