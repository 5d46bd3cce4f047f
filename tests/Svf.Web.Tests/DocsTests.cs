using System.Text.RegularExpressions;
using Svf.Web.Auth;

namespace Svf.Web.Tests;

/// <summary>docs/portal.md and README stay in step with the code.</summary>
public sealed partial class DocsTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Svf.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("No Svf.slnx above the test binaries.");
    }

    [Fact]
    public void The_accounts_table_in_docs_portal_md_lists_exactly_the_demo_accounts()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "portal.md"));
        doc.ShouldContain("| username | password | role | region |");
        var rows = AccountRow().Matches(doc).Select(m => (User: m.Groups[1].Value, Password: m.Groups[2].Value, Role: m.Groups[3].Value, Region: m.Groups[4].Value.Trim())).ToList();
        rows.Select(r => r.User).ShouldBe(DemoAccounts.All.Select(a => a.Username));
        foreach (var a in DemoAccounts.All)
        {
            var row = rows.Single(r => r.User == a.Username);
            row.Password.ShouldBe(a.Password);
            row.Role.ShouldBe(a.Role);
            if (a.RegionCode is not null)
            {
                row.Region.ShouldBe(a.RegionCode);
            }
            if (a.RccCode is not null)
            {
                row.Region.ShouldContain(a.RccCode);
            }
        }
    }

    [Fact]
    public void Every_api_route_is_documented_in_docs_portal_md()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "portal.md"));
        foreach (var route in new[] { "/api/v1/token", "/api/v1/regions/{code}/submissions", "/api/v1/submissions/{id}/feedback", "/api/v1/submissions/{id}/withdraw",
                     "/api/v1/regions/{code}/pathways", "/api/v1/regions/{code}/early-warning", "/api/v1/regions/{code}/reports/{year}", "/api/v1/indicators",
                     "/api/v1/reporting-status/{year}", "/api/v1/assessments/{year}", "/api/v1/assessments/{year}/run", "/api/v1/assessments/{year}/lock",
                     "/api/v1/assessments/{year}/what-if", "/api/v1/accounts", "/openapi/v1.json", "/healthz" })
        {
            doc.ShouldContain(route);
        }
    }

    [Fact]
    public void The_readme_tells_how_to_start_the_portal_right_after_the_quick_start()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var quick = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        var portal = readme.IndexOf("bash scripts/portal-demo.sh", StringComparison.Ordinal);
        var next = readme.IndexOf("\n## ", quick + 5, StringComparison.Ordinal);
        portal.ShouldBeGreaterThan(next);
        readme.IndexOf("\n## ", next + 4, StringComparison.Ordinal).ShouldBeGreaterThan(portal);
    }

    [GeneratedRegex(@"^\| ([a-z0-9-]+) \| (demo-[^ |]+) \| ([A-Za-z]+) \| ([^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex AccountRow();
}
