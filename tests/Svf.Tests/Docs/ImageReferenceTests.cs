using System.Text.RegularExpressions;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>Every image the Markdown documentation shows (README.md and docs/, `![alt](path)` or `&lt;img src&gt;`) exists in the repository.</summary>
public partial class ImageReferenceTests
{
    [GeneratedRegex(@"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)|<img\s[^>]*src=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ImageReference();

    /// <summary>(Markdown file relative to the repository, image path as written) for every local image reference.</summary>
    internal static IEnumerable<(string Doc, string Image)> References(string root)
    {
        var docs = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Prepend(Path.Combine(root, "README.md"));
        foreach (var doc in docs)
        {
            foreach (Match m in ImageReference().Matches(File.ReadAllText(doc)))
            {
                var target = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
                if (!target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("data:", StringComparison.Ordinal))
                {
                    yield return (Path.GetRelativePath(root, doc), target.Split('#')[0]);
                }
            }
        }
    }

    [Fact]
    public void Every_image_referenced_from_the_docs_exists()
    {
        var root = RepositoryRoot.Path;
        var references = References(root).ToList();
        references.ShouldContain(r => r.Image.EndsWith("portal-status.png", StringComparison.Ordinal));
        var missing = references
            .Where(r => !File.Exists(Path.GetFullPath(Path.Combine(root, Path.GetDirectoryName(r.Doc)!, Uri.UnescapeDataString(r.Image)))))
            .Select(r => $"{r.Doc}: {r.Image}")
            .ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_reference_finder_sees_markdown_and_html_images()
    {
        var dir = Directory.CreateTempSubdirectory("svf-img-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "docs"));
            File.WriteAllText(Path.Combine(dir.FullName, "README.md"), "![En bild](docs/images/a.png) och [en länk](x.md)\n");
            File.WriteAllText(Path.Combine(dir.FullName, "docs", "p.md"), "<img src=\"images/b.png\" alt=\"b\"> ![c](images/c%20d.png \"titel\") ![e](https://example.org/e.png)\n");
            References(dir.FullName).ShouldBe([("README.md", "docs/images/a.png"), (Path.Combine("docs", "p.md"), "images/c%20d.png"), (Path.Combine("docs", "p.md"), "images/b.png")], ignoreOrder: true);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
