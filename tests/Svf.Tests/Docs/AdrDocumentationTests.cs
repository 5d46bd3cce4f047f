using System.Globalization;
using System.Text.RegularExpressions;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>The ADRs keep their required section, and ADR 0009's figures are the measured ones.</summary>
public class AdrDocumentationTests
{
    private static string Adr(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "adr", name));

    [Fact]
    public void Every_adr_says_when_it_does_not_apply()
    {
        var missing = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "docs", "adr"), "*.md")
            .Where(f => !File.ReadAllText(f).Contains("\n## When this does not apply\n", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_bulk_insert_adr_shows_the_measured_cpu_times_and_names_the_switch_the_code_has()
    {
        var adr = Adr("0009-hand-written-bulk-insert-paths.md");
        adr.ShouldContain(PathwayBulkWriter.LibraryWritersSwitch);
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "bench", "Svf.Benchmarks", "EndToEnd.cs")).ShouldContain("case \"--library-writers\":");

        // Each table row's five rounds are the ingest CPU seconds of bench/results/bulk-insert-paths.csv, in order.
        var csv = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "bench", "results", "bulk-insert-paths.csv"));
        var header = csv[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var (db, label, library) in new[] { ("SQLite", "sqlite", false), ("SQLite", "sqlite", true), ("PostgreSQL", "postgres", false), ("PostgreSQL", "postgres", true) })
        {
            var measured = rows.Where(r => r[Col("db")] == label && r[Col("label")].Contains("library-writers", StringComparison.Ordinal) == library)
                .Select(r => double.Parse(r[Col("ingest_cpu_s")], CultureInfo.InvariantCulture)).ToList();
            measured.Count.ShouldBe(5);
            var row = Regex.Match(adr, $@"^\| {db}, {(library ? "library" : "hand-written")}[^|]*\|((?: [0-9.]+ \|){{6}})", RegexOptions.Multiline);
            row.Success.ShouldBeTrue($"{db} {(library ? "library" : "hand-written")} row");
            var shown = row.Groups[1].Value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
            shown.Take(5).ShouldBe(measured);
            shown[5].ShouldBe(measured.Order().ElementAt(2)); // the median
        }
    }
}
