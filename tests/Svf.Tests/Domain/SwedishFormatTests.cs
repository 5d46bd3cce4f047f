using System.Globalization;
using System.Text.RegularExpressions;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Tests.Support;

namespace Svf.Tests.Domain;

public class SwedishFormatTests
{
    [Fact]
    public void Numbers_shares_and_amounts_read_as_Swedish()
    {
        SwedishFormat.Percent(0.7234).ShouldBe("72,3 %");
        SwedishFormat.Percent(null).ShouldBe("–");
        SwedishFormat.Kronor(182_500_000).ShouldBe("182\u00a0500\u00a0000 kr");
        SwedishFormat.Number(12.26, 1).ShouldBe("12,3");
    }

    [Fact]
    public void Iso_dates_round_trip_and_reject_other_forms()
    {
        IsoDate.Parse("2026-09-30").ShouldBe(new DateOnly(2026, 9, 30));
        IsoDate.ToText(new DateOnly(2026, 1, 5)).ShouldBe("2026-01-05");
        IsoDate.TryParse("2026-02-30", out _).ShouldBeFalse();
        IsoDate.TryParse("30/09/2026", out _).ShouldBeFalse();
    }

    [Fact]
    public void Shares_intervals_and_times_have_one_form()
    {
        SwedishFormat.PercentInterval(0.6124, 0.7049).ShouldBe("[61,2–70,5]");
        var t = new DateTime(2026, 3, 14, 9, 5, 30, DateTimeKind.Utc);
        IsoDate.ToText(t).ShouldBe("2026-03-14");
        IsoDate.Minutes(t).ShouldBe("2026-03-14 09:05");
        IsoDate.Seconds(t).ShouldBe("2026-03-14 09:05:30");
        IsoDate.Instant(t).ShouldBe("2026-03-14T09:05:30Z");
    }

    [Fact]
    public void Dates_in_caveats_are_gregorian_iso_whatever_the_machines_culture()
    {
        // A date written as {d:yyyy-MM-dd} takes the current culture's calendar: on a Thai machine 2025 read 2568.
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("th-TH");
            IsoDate.Minutes(new DateTime(2025, 9, 30, 12, 0, 0, DateTimeKind.Utc)).ShouldBe("2025-09-30 12:00");
            var catalog = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded);
            var dates = catalog.Years.SelectMany(y => catalog.ForYear(y).ProvisionalParameters())
                .Where(p => p.Contains(".reference_date = ", StringComparison.Ordinal))
                .Select(p => p.Split(" = ")[1][..10]).ToList();
            dates.ShouldNotBeEmpty();
            dates.Where(d => !d.StartsWith("20", StringComparison.Ordinal) || !IsoDate.TryParse(d, out _)).ShouldBeEmpty();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Swedish_culture_and_iso_date_patterns_live_only_in_their_homes()
    {
        // One home per value: SwedishFormat (numbers, shares, amounts for Swedish readers) and IsoDate (dates and times as
        // text, parsed and written). FieldParsing also reads the compact form 20250314 of submission files.
        var src = Path.Combine(RepositoryRoot.Path, "src");
        var homes = new[] { Path.Combine("Svf", "Output", "SwedishFormat.cs") };
        var patterns = new Dictionary<string, Regex>
        {
            ["the sv-SE culture (use SwedishFormat.Culture)"] = new("\"sv-SE\""),
            ["an ISO date pattern (use IsoDate)"] = new("yyyy-MM-dd"),
            ["an exact date parse (use IsoDate.Parse/TryParse)"] = new("(DateOnly|DateTime)\\.ParseExact\\("),
            ["a share formatted by hand (use SwedishFormat.Percent)"] = new("\\* ?100\\)?(\\.ToString\\(\"0\\.0\"|:0\\.0\\})"),
        };
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(src, file);
            if (homes.Contains(relative))
            {
                continue;
            }
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue; // comments may name the form
                }
                found.AddRange(patterns.Where(p => p.Value.IsMatch(lines[i])).Select(p => $"{relative}:{i + 1}: {p.Key}"));
            }
        }
        found.ShouldBeEmpty();
    }
}
