using System.Text.RegularExpressions;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>The locked decision's audit actions, commands and stored files are the ones docs/assessment.md §10 describes.</summary>
public class DecisionDocumentationTests
{
    private static string Read(params string[] parts) => File.ReadAllText(Path.Combine([RepositoryRoot.Path, .. parts]));

    [Fact]
    public void Every_audit_action_of_the_decision_service_is_documented()
    {
        var actions = Regex.Matches(Read("src", "Svf", "Assessment", "DecisionService.cs"), @"""(decision\.[a-z_]+)""").Select(m => m.Groups[1].Value).Distinct().ToList();
        actions.ShouldContain("decision.locked");
        actions.Count.ShouldBeGreaterThanOrEqualTo(5);
        var doc = Read("docs", "assessment.md");
        actions.Where(a => !doc.Contains($"`{a}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void The_stored_file_prefixes_and_the_migration_are_documented()
    {
        var doc = Read("docs", "assessment.md");
        foreach (var name in new[] { Svf.Assessment.LockedDecision.ConsoleFile, Svf.Assessment.LockedDecision.RulesPrefix, Svf.Assessment.LockedDecision.ReferencePrefix, Svf.Assessment.LockedDecision.ExportPrefix })
        {
            doc.ShouldContain(name);
        }
        doc.ShouldContain("sqlite-006.sql");
        File.Exists(Path.Combine(RepositoryRoot.Path, "src", "Svf", "Storage", "Schema", "postgres-006.sql")).ShouldBeTrue();
        foreach (var table in new[] { "assessment_decisions", "assessment_decision_inputs", "assessment_decision_files" })
        {
            Read("src", "Svf", "Storage", "Schema", "sqlite-006.sql").ShouldContain(table);
            Read("src", "Svf", "Storage", "Schema", "postgres-006.sql").ShouldContain(table);
        }
    }
}
