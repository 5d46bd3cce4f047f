using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Tests.Rules;

public class AgreementRulesCatalogTests
{
    private static readonly AgreementRulesCatalog Catalog = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded);

    [Theory]
    [InlineData(2024, 365_000_000, 2)]
    [InlineData(2025, 365_000_000, 2)]
    [InlineData(2026, 500_000_000, 3)]
    public void Each_built_in_year_loads_and_its_payments_sum_to_the_total(int year, long total, int payments)
    {
        var rules = Catalog.ForYear(year);
        rules.SvfTotal.ShouldBe(total);
        rules.Payments.Count.ShouldBe(payments);
        rules.Payments.Sum(p => p.Amount).ShouldBe(total);
        rules.Condition("inclusion").Threshold.ShouldBe(0.70m);
        rules.Condition("inclusion").Period.ShouldBe($"{year}-H1");
        rules.Condition("report_on_time").Deadline.ShouldBe(new DateOnly(year, 9, 30));
    }

    [Fact]
    public void Deep_dive_threshold_is_75_percent_in_2024_and_50_in_2025()
    {
        Catalog.ForYear(2024).DeepDiveThreshold.ShouldBe(0.75m);
        Catalog.ForYear(2025).DeepDiveThreshold.ShouldBe(0.50m);
    }

    [Fact]
    public void The_2026_lead_time_figures_are_marked_provisional()
    {
        var rules = Catalog.ForYear(2026);
        rules.Conditions.Where(c => c.Type == ConditionType.LeadTime).Select(c => c.Svf).ShouldBe(["BROST", "TJOCK_ANDTARM", "TJOCK_ANDTARM", "PROSTATA"]);
        rules.Conditions.Where(c => c.Type == ConditionType.LeadTime).ShouldAllBe(c => c.Provisional);
        rules.ProvisionalParameters().ShouldContain(p => p.StartsWith("conditions.lead_time_breast", StringComparison.Ordinal));
        rules.ReportTemplate.Sections.Select(s => s.Id).ShouldContain("colorectal");
        rules.ReportTemplate.Sections.Select(s => s.Id).ShouldContain("myeloma");
    }

    [Fact]
    public void A_2027_file_in_the_rules_folder_is_loaded_without_code_change()
    {
        var dir = Directory.CreateTempSubdirectory("svf-rules-").FullName;
        try
        {
            var json = File.ReadAllText(Path.Combine(RepoRoot(), "src/Svf/Rules/Data/agreement-2026.json"))
                .Replace("\"year\": 2026", "\"year\": 2027", StringComparison.Ordinal)
                .Replace("\"svf_total\": 500000000", "\"svf_total\": 600000000", StringComparison.Ordinal)
                .Replace("\"amount\": 250000000", "\"amount\": 350000000", StringComparison.Ordinal)
                .Replace("2026-H1", "2027-H1", StringComparison.Ordinal)
                .Replace("2026-09-30", "2027-09-30", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "agreement-2027.json"), json);
            var catalog = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded, dir);
            catalog.Years.ShouldContain(2027);
            catalog.ForYear(2027).SvfTotal.ShouldBe(600_000_000);
            catalog.ForYear(2027).Condition("report_on_time").Deadline.ShouldBe(new DateOnly(2027, 9, 30));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_file_whose_payments_do_not_sum_to_the_total_is_refused()
    {
        var json = File.ReadAllText(Path.Combine(RepoRoot(), "src/Svf/Rules/Data/agreement-2025.json"))
            .Replace("\"svf_total\": 365000000", "\"svf_total\": 365000001", StringComparison.Ordinal);
        var e = Should.Throw<InvalidDataException>(() => AgreementRulesCatalog.Parse(json, "agreement-2025.json", ReferenceDataSet.Embedded));
        e.Message.ShouldContain("sum to 365000000");
    }

    [Fact]
    public void A_file_breaking_the_schema_is_refused_with_the_location()
    {
        var json = File.ReadAllText(Path.Combine(RepoRoot(), "src/Svf/Rules/Data/agreement-2025.json"))
            .Replace("\"deadline\": \"2025-09-30\"", "\"deadline\": \"30 september\"", StringComparison.Ordinal);
        var e = Should.Throw<InvalidDataException>(() => AgreementRulesCatalog.Parse(json, "agreement-2025.json", ReferenceDataSet.Embedded));
        e.Message.ShouldContain("/conditions/2/deadline");
    }

    [Fact]
    public void Unknown_year_names_the_file_to_add()
    {
        var e = Should.Throw<KeyNotFoundException>(() => Catalog.ForYear(2030));
        e.Message.ShouldContain("agreement-2030.json");
    }

    internal static string RepoRoot() => Svf.Tests.Support.RepositoryRoot.Path;
}

public class AgreementRulesCheckTests
{
    private static string Rules2025() => File.ReadAllText(Path.Combine(AgreementRulesCatalogTests.RepoRoot(), "src/Svf/Rules/Data/agreement-2025.json"));

    [Fact]
    public void Duplicate_payment_id_is_refused()
    {
        var json = Rules2025().Replace("\"id\": \"payment2\"", "\"id\": \"payment1\"", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => AgreementRulesCatalog.Parse(json, "agreement-2025.json", ReferenceDataSet.Embedded))
            .Message.ShouldContain("payment id 'payment1' is used twice");
    }

    [Fact]
    public void Unknown_svf_in_the_inclusion_list_is_refused()
    {
        var json = Rules2025().Replace("\"MPN\"]", "\"MPNX\"]", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => AgreementRulesCatalog.Parse(json, "agreement-2025.json", ReferenceDataSet.Embedded))
            .Message.ShouldContain("unknown SVF 'MPNX'");
    }

    [Fact]
    public void The_inclusion_list_is_bilaga_3_with_all_32_svf_including_mpn()
    {
        var rules = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2025);
        rules.Condition("inclusion").SvfCodes.Count.ShouldBe(32);
        rules.SvfInScope(ReferenceDataSet.Embedded).ShouldContain("MPN");
    }
}

public class OneHomeTests
{
    [Fact]
    public void The_report_deadline_falls_back_to_30_september_in_one_place()
    {
        var rules = AgreementRulesCatalog.Load(Svf.ReferenceData.ReferenceDataSet.Embedded).ForYear(2025);
        rules.ReportDeadline.ShouldBe(new DateOnly(2025, 9, 30));
        var without = rules with { Conditions = rules.Conditions.Where(c => c.Type != ConditionType.ReportOnTime).ToList(), Year = 2027 };
        without.ReportDeadline.ShouldBe(new DateOnly(2027, 9, 30));
        var other = rules with { Conditions = rules.Conditions.Select(c => c.Type == ConditionType.ReportOnTime ? c with { Deadline = new DateOnly(2025, 10, 15) } : c).ToList() };
        other.ReportDeadline.ShouldBe(new DateOnly(2025, 10, 15));
    }

    [Fact]
    public void The_national_goals_have_one_home_in_code()
    {
        // Only SvfGoals spells 0.70 / 0.80 among the sources (the rules files hold each agreement's own requirement).
        var offenders = Directory.EnumerateFiles(Path.Combine(Support.RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("SvfGoals.cs", StringComparison.Ordinal))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"\b0\.[78]0?m\b|≥ [78]0 %"))
            .Select(Path.GetFileName).ToList();
        offenders.ShouldBeEmpty();
        new Svf.Indicators.IndicatorOptions().InclusionGoal.ShouldBe(Svf.Indicators.SvfGoals.Inclusion);
        new Svf.Indicators.IndicatorOptions().LeadTimeGoal.ShouldBe(Svf.Indicators.SvfGoals.LeadTime);
    }
}
