using System.Text.RegularExpressions;
using Svf.Application;
using Svf.Output;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>The application layer's documented columns and role table stay in step with the code.</summary>
public class ApplicationDocumentationTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", name));

    [Fact]
    public void Every_column_of_the_portal_tables_is_documented()
    {
        var doc = Doc("output-columns.md");
        var columns = TableExport.ColumnNames<WhatIfRow>()
            .Concat(TableExport.ColumnNames<RegionReportingStatusRow>())
            .Concat(TableExport.ColumnNames<InclusionOutlook>())
            .Concat(TableExport.ColumnNames<LeadTimeOutlook>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        columns.ShouldContain("locked_amount");
        columns.ShouldContain("more_included_needed");
        columns.Where(c => !doc.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    /// <summary>The role table in ADR 0005 says for each role and region-scoped action allowed (✓) or not (–); the helpers must agree.</summary>
    [Fact]
    public void The_role_table_in_the_adr_matches_the_caller_rules()
    {
        var adr = Doc("adr/0006-application-layer-scope-and-audit.md");
        var reference = Svf.ReferenceData.ReferenceDataSet.Embedded;
        // The table's region is 01 (RCC Stockholm-Gotland); "other region" is 03.
        var callers = new Dictionary<string, Caller>
        {
            ["Region reporter (01)"] = Caller.RegionReporterOf("u", "01"),
            ["RCC coordinator (Stockholm-Gotland)"] = Caller.RccCoordinatorOf("u", "Stockholm-Gotland"),
            ["National analyst"] = Caller.Analyst("u"),
            ["Ministry viewer"] = Caller.Ministry("u"),
            ["Administrator"] = new("u", Role.Administrator),
        };
        var actions = new Dictionary<string, Func<Caller, bool>>
        {
            ["send/withdraw/report for 01"] = c => c.CanActForRegion("01"),
            ["send/withdraw/report for 03"] = c => c.CanActForRegion("03"),
            ["history, feedback, report status of 01"] = c => c.CanSeeReportingStatus("01", reference),
            ["indicators of 01"] = c => c.CanSeeRegionAggregates("01", reference),
            ["indicators of 03"] = c => c.CanSeeRegionAggregates("03", reference),
            ["national indicators"] = c => c.CanSeeNationalAggregates,
            ["patient-level rows of 01, no purpose"] = c => c.CanSeePatientLevel("01", null),
            ["patient-level rows of 01, with purpose"] = c => c.CanSeePatientLevel("01", "kontroll"),
            ["run, lock, what-if"] = c => c.CanRunAssessment,
            ["assessment results, locked decision"] = c => c.CanSeeAssessmentResults,
            ["the regions' stated obstacles grouped per SVF (`AnalysisUseCases`)"] = c => c.CanSeeAssessmentResults,
            ["build the report to the ministry (`NationalReportUseCases`)"] = c => c.CanRunAssessment,
        };
        var rows = Regex.Matches(adr, @"^\|\s*([^|]+?)\s*\|((?:\s*[✓–]\s*\|){5})\s*$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        rows.Keys.ShouldBe(actions.Keys, ignoreOrder: true);
        foreach (var (action, allowed) in actions)
        {
            var marks = rows[action];
            var i = 0;
            foreach (var (role, caller) in callers)
            {
                (marks[i++] == "✓").ShouldBe(allowed(caller), $"{action} / {role}");
            }
        }
    }
}
