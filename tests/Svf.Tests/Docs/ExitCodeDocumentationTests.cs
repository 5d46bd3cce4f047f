using System.Reflection;
using System.Text.RegularExpressions;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>The README's exit-code table and <c>ExitCodes</c> say the same thing.</summary>
public partial class ExitCodeDocumentationTests
{
    [Fact]
    public void Every_exit_code_is_in_the_readme_and_no_other()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("Exit codes (the same for every command", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", section.IndexOf("| code | meaning |", StringComparison.Ordinal), StringComparison.Ordinal)];
        var documented = TableRow().Matches(section).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var codes = typeof(Svf.Cli.ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetRawConstantValue()!).ToList();
        codes.Distinct().Count().ShouldBe(codes.Count); // distinct
        documented.ShouldBe(codes.Order().ToList());
    }

    [GeneratedRegex(@"^\|\s*(\d+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
