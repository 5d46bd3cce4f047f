using Svf.Indicators;
using Svf.NationalReport;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>docs/national-report.md and docs/lead-time-analyses.md must keep matching the report the code builds.</summary>
public class NationalReportDocumentationTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", name));

    [Fact]
    public void Every_sheet_of_the_report_is_documented_and_every_documented_sheet_exists()
    {
        using var t = TestDatabases.CreateSqlite();
        var reference = ReferenceDataSet.Embedded;
        var rules = AgreementRulesCatalog.Load(reference).ForYear(2025);
        // An empty database: every table is still there (with rows saying what is missing).
        var doc = new NationalReportBuilder(t.Db, reference, new IndicatorOptions(), FixedClock.Default)
            .Build(new NationalReportRequest(2025, NationalReportKind.Interim, rules), "test");
        var ids = doc.Tables().Select(x => x.Id).Where(id => !id.StartsWith("Bilaga ", StringComparison.Ordinal)).ToList();
        // Without data the 2025 allocation cannot be computed (regions without a September population figure are then
        // needed), so the report says why instead of the "Fördelning" table; the report tests see that table with data.
        doc.AllSections().SelectMany(s => s.Blocks).OfType<ParagraphBlock>().ShouldContain(p => p.Text.StartsWith("Fördelningen i kronor kunde inte beräknas", StringComparison.Ordinal));
        ids.Count.ShouldBe(18, string.Join(", ", ids));
        doc.Tables().Count(x => x.Id.StartsWith("Bilaga ", StringComparison.Ordinal)).ShouldBe(reference.Regions.Count);

        var text = Doc("national-report.md");
        ids.Where(id => !text.Contains($"| `{id}` |", StringComparison.Ordinal)).ShouldBeEmpty("sheets missing from docs/national-report.md");
        var documented = System.Text.RegularExpressions.Regex.Matches(text, @"^\| `([^`]+)` \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Where(id => !id.StartsWith("Bilaga", StringComparison.Ordinal) && !id.StartsWith("--", StringComparison.Ordinal)).ToList();
        // The investment sheets exist only when RCC reports are stored (Svf.Reporting.Tests builds one with a report).
        documented.Except(ids).ShouldBe(["Fördelning", "Lägesbild", "Projekt", "Effekt på ledtider"], "documented sheets the report does not have");
    }

    [Fact]
    public void The_chapters_listed_in_the_doc_are_the_reports_chapters_in_order()
    {
        using var t = TestDatabases.CreateSqlite();
        var reference = ReferenceDataSet.Embedded;
        var doc = new NationalReportBuilder(t.Db, reference, new IndicatorOptions(), FixedClock.Default)
            .Build(new NationalReportRequest(2025, NationalReportKind.Interim, AgreementRulesCatalog.Load(reference).ForYear(2025)), "test");
        var text = Doc("national-report.md");
        for (var i = 0; i < doc.Sections.Count; i++)
        {
            // The doc lists "N. <first words of the title>"; the investment chapter's title depends on the kind.
            var words = doc.Sections[i].Title.Split(' ')[0];
            text.ShouldContain($"{i + 1}. {(doc.Sections[i].Id == "satsningar" ? "Lägesbilden" : words)}");
        }
    }

    [Fact]
    public void The_analyses_doc_states_the_parameters_the_code_uses()
    {
        var text = Doc("lead-time-analyses.md");
        var request = new NationalReportRequest(2025, NationalReportKind.Interim, AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2025));
        text.ShouldContain($"at least **{request.StandardMinMinorityShare * 100:0} %**");
        text.ShouldContain($"both sexes have at least {request.StandardMinStratum} patients");
        text.ShouldContain(nameof(NationalReportRequest.StandardMinMinorityShare));
        text.ShouldContain(nameof(NationalReportRequest.StandardMinStratum));
    }

    [Fact]
    public void Every_column_of_the_analysis_tables_is_documented_in_their_own_section()
    {
        var doc = Doc("output-columns.md");
        foreach (var (type, columns) in new[]
        {
            ("SegmentSplitRow", Svf.Output.TableExport.ColumnNames<Svf.Analysis.SegmentSplitRow>()),
            ("SexDifferenceRow", Svf.Output.TableExport.ColumnNames<Svf.Analysis.SexDifferenceRow>()),
            ("ObstacleGroupRow", Svf.Output.TableExport.ColumnNames<Svf.Analysis.ObstacleGroupRow>()),
        })
        {
            // The section whose heading names the type, up to the next heading.
            var start = doc.IndexOf($"; `{type}`)", StringComparison.Ordinal);
            start.ShouldBeGreaterThan(0, $"no section for {type} in docs/output-columns.md");
            var end = doc.IndexOf("\n## ", start, StringComparison.Ordinal);
            var section = end < 0 ? doc[start..] : doc[start..end];
            columns.Where(c => !section.Contains($"`{c}`", StringComparison.Ordinal)).ShouldBeEmpty($"columns of {type} not documented");
            // And every column documented there exists.
            var documented = System.Text.RegularExpressions.Regex.Matches(section, @"^\| ([^|]+) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
                .SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.Groups[1].Value, "`([a-z0-9_]+)`").Select(x => x.Groups[1].Value)).ToList();
            documented.Except(columns).ShouldBeEmpty($"documented columns of {type} the code does not write");
        }
        Doc("lead-time-analyses.md").ShouldContain("analysis --year 2025 --kind obstacles");
    }
}
