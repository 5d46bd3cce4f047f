using System.Text.RegularExpressions;
using Svf.Assessment;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;

namespace Svf.Tests.Docs;

/// <summary>
/// The documentation of the rules, the assessment and the yearly report (docs/agreement-rules.md, docs/assessment.md,
/// docs/yearly-report.md) must keep matching the code: these tests fail when either drifts.
/// </summary>
public class AssessmentDocumentationTests
{
    private static readonly string Root = Support.RepositoryRoot.Path;

    private static string Docs(params string[] parts) => Path.Combine([Root, "docs", .. parts]);

    private static readonly int[] BuiltInYears = [2024, 2025, 2026];

    [Fact]
    public void The_example_report_for_region_01_2025_is_complete_per_the_2025_template()
    {
        var report = RegionReport.FromJson(File.ReadAllText(Docs("examples", "report-01-2025.json")));
        var rules = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2025);

        report.Region.ShouldBe("01");
        report.Year.ShouldBe(2025);
        ReportCompleteness.Check(report, rules, ReferenceDataSet.Embedded, null).ShouldBeEmpty();
    }

    [Fact]
    public void The_example_report_has_exactly_one_status_entry_per_svf_in_scope()
    {
        var report = RegionReport.FromJson(File.ReadAllText(Docs("examples", "report-01-2025.json")));
        var rules = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2025);

        report.SvfStatus.Select(s => s.Svf).ShouldBe(ReportCompleteness.SvfInScope(rules, ReferenceDataSet.Embedded).Select(s => s.Code));
    }

    [Fact]
    public void The_example_in_the_yearly_report_page_is_the_example_file()
    {
        var file = File.ReadAllText(Docs("examples", "report-01-2025.json")).ReplaceLineEndings("\n").Trim();
        File.ReadAllText(Docs("yearly-report.md")).ReplaceLineEndings("\n").ShouldContain(file);
    }

    [Fact]
    public void Every_finding_code_of_the_reports_is_documented()
    {
        var codes = Directory.GetFiles(Path.Combine(Root, "src", "Svf", "Reports"), "*.cs")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"(?:new|ReportFinding)\(\s*""([a-z_]+\.[a-z_]+)""").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        codes.Count.ShouldBeGreaterThanOrEqualTo(10, "the search for finding codes in src/Svf/Reports found too few; has the code changed shape?");

        var doc = File.ReadAllText(Docs("yearly-report.md"));
        codes.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty("finding codes missing from docs/yearly-report.md");
    }

    [Fact]
    public void Every_condition_and_payment_id_of_the_built_in_years_is_documented()
    {
        var catalog = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded);
        catalog.Years.ShouldBe(BuiltInYears);
        var ids = BuiltInYears.Select(catalog.ForYear)
            .SelectMany(r => r.Conditions.Select(c => c.Id).Concat(r.Payments.Select(p => p.Id)))
            .Distinct()
            .ToList();

        var doc = File.ReadAllText(Docs("agreement-rules.md"));
        ids.Where(id => !doc.Contains($"`{id}`", StringComparison.Ordinal)).ShouldBeEmpty("ids missing from docs/agreement-rules.md");
    }

    [Fact]
    public void Every_provisional_parameter_of_the_built_in_years_is_in_the_table()
    {
        var doc = File.ReadAllText(Docs("agreement-rules.md"));
        var catalog = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded);
        foreach (var year in BuiltInYears)
        {
            foreach (var parameter in catalog.ForYear(year).ProvisionalParameters())
            {
                // "conditions.lead_time_breast: …" or "population.reference_date = 2023-12-31: …" -> the name before " =" or ":".
                var name = parameter.Split(':', 2)[0].Split(" =", 2)[0];
                doc.ShouldContain($"| {year} | `{name}`", Case.Sensitive, $"{year} {name} is not in the provisional table of docs/agreement-rules.md");
            }
        }
    }

    [Fact]
    public void Every_output_column_of_the_assessment_is_documented()
    {
        var doc = File.ReadAllText(Docs("assessment.md"));
        var columns = new[]
        {
            TableExport.ColumnNames<ConditionResult>(),
            TableExport.ColumnNames<AllocationRow>(),
            TableExport.ColumnNames<AllocationSubtotal>(),
            TableExport.ColumnNames<DeviationRow>(),
            TableExport.ColumnNames<ConclusionRow>(),
        }.SelectMany(c => c).Distinct();
        columns.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty("columns missing from docs/assessment.md");
    }
}
