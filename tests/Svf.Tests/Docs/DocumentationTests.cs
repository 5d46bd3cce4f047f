using System.Text.Json;
using System.Text.RegularExpressions;
using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>The user documentation in docs/ must keep matching the code: these tests fail when either drifts.</summary>
public class DocumentationTests
{
    private static readonly string Root = Support.RepositoryRoot.Path;

    private static string Docs(params string[] parts) => Path.Combine([Root, "docs", .. parts]);

    private static JsonElement Schema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Docs("submission-format.schema.json")));
        return doc.RootElement.Clone();
    }

    private static string[] PropertyNames(JsonElement objectSchema) =>
        objectSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();

    private static string[] Required(JsonElement objectSchema) =>
        objectSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void Schema_describes_exactly_the_pathway_columns()
    {
        var schema = Schema();
        schema.GetProperty("$schema").GetString().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        schema.GetProperty("x-format-version").GetString().ShouldBe(SubmissionColumns.FormatVersion);
        PropertyNames(schema).ShouldBe(SubmissionColumns.PathwayAll);
        Required(schema).ShouldBe(SubmissionColumns.PathwayRequired);
    }

    [Fact]
    public void Schema_describes_exactly_the_new_cases_columns()
    {
        var row = Schema().GetProperty("$defs").GetProperty("new_cases_row");
        PropertyNames(row).ShouldBe(SubmissionColumns.NewCasesAll);
        Required(row).ShouldBe(SubmissionColumns.NewCasesRequired);
    }

    [Fact]
    public void Schema_region_codes_are_the_reference_regions()
    {
        var expected = ReferenceDataSet.Embedded.Regions.Select(r => r.Code).ToArray();
        var schema = Schema();
        foreach (var regionSchema in new[]
                 {
                     schema.GetProperty("properties").GetProperty(SubmissionColumns.Region),
                     schema.GetProperty("$defs").GetProperty("new_cases_row").GetProperty("properties").GetProperty(SubmissionColumns.Region),
                 })
        {
            regionSchema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ShouldBe(expected);
        }
    }

    [Theory]
    [InlineData("pathways-01-2025.csv", false)]
    [InlineData("new-cases-01-2025.csv", true)]
    public void Example_rows_match_the_schema_patterns(string file, bool newCases)
    {
        var schema = Schema();
        var rowSchema = newCases ? schema.GetProperty("$defs").GetProperty("new_cases_row") : schema;
        var properties = rowSchema.GetProperty("properties");
        var lines = File.ReadAllLines(Docs("examples", file)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(';');
        header.ShouldBe(PropertyNames(rowSchema));
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(';');
            fields.Length.ShouldBe(header.Length, line);
            for (var i = 0; i < header.Length; i++)
            {
                var p = properties.GetProperty(header[i]);
                if (p.TryGetProperty("enum", out var values))
                {
                    values.EnumerateArray().Select(v => v.GetString()).ShouldContain(fields[i], $"{header[i]} in: {line}");
                }
                if (p.TryGetProperty("pattern", out var pattern))
                {
                    Regex.IsMatch(fields[i], pattern.GetString()!).ShouldBeTrue($"{header[i]} '{fields[i]}' in: {line}");
                }
            }
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Example_files_are_accepted(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = TestSubmissions.Service(t.Db);
        var year = ReportingPeriod.Parse("2025");

        var pathwaysFile = Docs("examples", "pathways-01-2025.csv");
        FeedbackReport pathways;
        using (var s = File.OpenRead(pathwaysFile))
        {
            pathways = service.SubmitPathways(s, pathwaysFile, "01", year, "docs-test");
        }
        pathways.ErrorCount.ShouldBe(0, string.Join("; ", pathways.Issues.Select(i => $"{i.Code} row {i.Row} {i.Field}")));
        pathways.Status.ShouldNotBe(SubmissionStatus.Rejected);
        pathways.RowsStored.ShouldBe(DataLines(pathwaysFile));
        // As docs/submission-format.md §7 says: only completeness warnings (the example has a dozen SVF), no missing month.
        pathways.Issues.ShouldAllBe(i => i.Code == "completeness.svf_without_rows");
        pathways.MonthsWithoutRows.ShouldBeEmpty();

        var newCasesFile = Docs("examples", "new-cases-01-2025.csv");
        FeedbackReport newCases;
        using (var s = File.OpenRead(newCasesFile))
        {
            newCases = service.SubmitNewCases(s, newCasesFile, "01", year, "docs-test");
        }
        newCases.ErrorCount.ShouldBe(0, string.Join("; ", newCases.Issues.Select(i => $"{i.Code} row {i.Row} {i.Field}")));
        newCases.Status.ShouldBe(SubmissionStatus.Accepted);
        newCases.RowsStored.ShouldBe(DataLines(newCasesFile));
    }

    private static int DataLines(string path) => File.ReadAllLines(path).Skip(1).Count(l => l.Trim().Length > 0);

    /// <summary>Codes passed as the first argument of Error(...) / Warning(...), including both branches of a conditional.</summary>
    private static SortedSet<string> CodesInSource()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src", "Svf", "Ingestion"), "*.cs"))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in Regex.Matches(text, @"\b(?:Error|Warning)\(([^,;)]*)"))
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
    public void Every_issue_code_in_the_source_is_documented()
    {
        var codes = CodesInSource();
        codes.Count.ShouldBeGreaterThan(30);
        codes.ShouldContain("personal_id.invalid");
        codes.ShouldContain("svf.unknown"); // only reachable through the conditional in NewCasesReader and the validator
        var doc = File.ReadAllText(Docs("validation-rules.md"));
        codes.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_documented_issue_code_exists_in_the_source()
    {
        var codes = CodesInSource();
        var documented = Regex.Matches(File.ReadAllText(Docs("validation-rules.md")), @"^\|\s*`([a-z0-9_]+(?:\.[a-z0-9_]+)+)`\s*\|", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToList();
        documented.Count.ShouldBeGreaterThan(30);
        documented.Where(c => !codes.Contains(c)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_output_column_is_documented()
    {
        var doc = File.ReadAllText(Docs("output-columns.md"));
        var columns = TableExport.ColumnNames<IndicatorRow>()
            .Concat(TableExport.ColumnNames<SubmissionInfo>())
            .Concat(TableExport.ColumnNames<FeedbackReport>())
            .Concat(TableExport.ColumnNames<ValidationIssue>())
            .Concat(TableExport.ColumnNames<PathwayRecord>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        columns.ShouldContain("lead_time_p80");
        columns.ShouldContain("over_limit_75pct_share");
        columns.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Feedback_json_uses_the_documented_field_names()
    {
        var report = new FeedbackReport
        {
            Kind = SubmissionKind.Pathways,
            FileName = "f.csv",
            RegionCode = "01",
            Period = "2025",
            Status = SubmissionStatus.Accepted,
            ReceivedAtUtc = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc),
            Issues = [new ValidationIssue(IssueSeverity.Warning, "age.under_18", 2, SubmissionColumns.PersonalId, "m")],
        };
        using var json = JsonDocument.Parse(report.ToJson());
        var doc = File.ReadAllText(Docs("output-columns.md"));
        json.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !doc.Contains($"`{n}`", StringComparison.Ordinal)).ShouldBeEmpty();
        json.RootElement.GetProperty("issues")[0].GetProperty("severity").GetString().ShouldBe("Warning");
    }

    [Fact]
    public void Indicator_total_code_is_as_documented()
    {
        IndicatorEngine.AllSvf.ShouldBe("TOTAL");
        IndicatorEngine.BothSexes.ShouldBe("TOTAL");
        ReferenceDataSet.Embedded.SvfsByCode.ShouldContainKey("ALL"); // why the total is not called ALL
        File.ReadAllText(Docs("indicators.md")).ShouldContain("Why `TOTAL` and not `ALL`");
    }

    [Fact]
    public void Relative_links_in_the_docs_point_to_existing_files()
    {
        var broken = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Docs(), "*.md", SearchOption.AllDirectories))
        {
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"\]\(([^)\s]+)\)"))
            {
                var target = m.Groups[1].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal))
                {
                    continue;
                }
                if (!File.Exists(Path.Combine(Path.GetDirectoryName(file)!, target)))
                {
                    broken.Add($"{Path.GetRelativePath(Root, file)} -> {target}");
                }
            }
        }
        broken.ShouldBeEmpty();
    }
}
