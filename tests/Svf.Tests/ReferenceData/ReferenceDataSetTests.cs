using Svf.ReferenceData;

namespace Svf.Tests.ReferenceData;

public class ReferenceDataSetTests
{
    private static readonly ReferenceDataSet Ref = ReferenceDataSet.Embedded;

    [Fact]
    public void Loads_21_regions_6_rcc_and_32_svf()
    {
        Ref.Regions.Count.ShouldBe(21);
        Ref.Rccs.Count.ShouldBe(6);
        Ref.Svfs.Count.ShouldBe(32);
        Ref.RegionsByCode["21"].Name.ShouldBe("Gävleborgs län");
        Ref.RegionsByCode["21"].RccCode.ShouldBe("Mellansverige");
    }

    [Fact]
    public void Keeps_missing_population_missing()
    {
        // regioner.csv has no 2024 figure for Södermanland (04) and a 2023 figure of 301 944.
        Ref.RegionsByCode["04"].PopulationAt(new DateOnly(2024, 12, 31)).ShouldBeNull();
        Ref.RegionsByCode["04"].PopulationAt(new DateOnly(2023, 12, 31)).ShouldBe(301944);
    }

    [Fact]
    public void Year_introduced_is_null_where_the_source_has_none()
    {
        Ref.SvfsByCode["MPN"].YearIntroduced.ShouldBeNull();
        Ref.SvfsByCode["PROSTATA"].YearIntroduced.ShouldBe(2015);
        Ref.SvfsIntroducedBefore(2017).Select(s => s.Code).ShouldContain("BROST");
        Ref.SvfsIntroducedBefore(2017).Select(s => s.Code).ShouldNotContain("ANAL");
    }

    [Fact]
    public void Breast_limit_follows_its_versions()
    {
        // ledtider.csv: BROST all_treatments 28 d from 2015-12-21, 35 d from 2024-01-24.
        Ref.Limits.Lookup("BROST", "surgery", new DateOnly(2023, 6, 1)).ShouldBe(new LimitLookup(LimitStatus.Defined, 28, new DateOnly(2015, 12, 21)));
        Ref.Limits.Lookup("BROST", "surgery", new DateOnly(2024, 1, 24)).Days.ShouldBe(35);
        Ref.Limits.Lookup("BROST", "surgery", new DateOnly(2024, 1, 23)).Days.ShouldBe(28);
    }

    [Fact]
    public void Missing_limit_is_not_defined_never_guessed()
    {
        // LUNG has a row with no value.
        Ref.Limits.Lookup("LUNG", "surgery", new DateOnly(2025, 6, 1)).Status.ShouldBe(LimitStatus.NotDefined);
        // HUVUD_HALS: palliative 18 d defined, tumour-specific missing.
        Ref.Limits.Lookup("HUVUD_HALS", "palliative_symptomatic", new DateOnly(2025, 6, 1)).Days.ShouldBe(18);
        Ref.Limits.Lookup("HUVUD_HALS", "tumour_specific_treatment", new DateOnly(2025, 6, 1)).Status.ShouldBe(LimitStatus.NotDefined);
    }

    [Fact]
    public void Superseded_limit_is_flagged_or_dropped_by_policy()
    {
        var date = new DateOnly(2025, 6, 1);
        Ref.Limits.Lookup("PROSTATA", "surgery", date).ShouldBe(new LimitLookup(LimitStatus.Superseded, 61, new DateOnly(2016, 12, 14)));
        Ref.Limits.Lookup("PROSTATA", "surgery", date, SupersededLimitPolicy.TreatAsNotDefined).Status.ShouldBe(LimitStatus.NotDefined);
    }

    [Fact]
    public void A_limit_added_in_a_data_folder_is_used_without_code_change()
    {
        var dir = Directory.CreateTempSubdirectory("svf-ref-").FullName;
        try
        {
            var original = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "ledtider-header.csv"));
            File.WriteAllLines(Path.Combine(dir, "ledtider.csv"), original.Append("LUNG;Lungcancer;all_treatments;Alla;42;2026-01-01;test;test row"));
            var custom = ReferenceDataSet.FromDirectory(dir);
            custom.Limits.Lookup("LUNG", "surgery", new DateOnly(2026, 2, 1)).ShouldBe(new LimitLookup(LimitStatus.Defined, 42, new DateOnly(2026, 1, 1)));
            custom.Limits.Lookup("LUNG", "surgery", new DateOnly(2025, 12, 31)).Status.ShouldBe(LimitStatus.NotDefined);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("regioner.csv")]
    [InlineData("ledtider.csv")]
    [InlineData("svf.csv")]
    [InlineData("SOURCES.md")]
    public void The_projects_copy_equals_the_shared_domain_file_where_that_folder_exists(string file)
    {
        // The team's shared folder is the source of the reference data; the build must not drift from it.
        var shared = Path.Combine("/work/shared/domain", file);
        if (!File.Exists(shared))
        {
            return;
        }
        File.ReadAllText(Path.Combine(Support.RepositoryRoot.Path, "src/Svf/ReferenceData", file)).ShouldBe(File.ReadAllText(shared), file);
    }

    [Fact]
    public void Several_dated_population_columns_are_read()
    {
        // regioner.csv: Stockholm 2 454 821 at 2023-12-31 and 2 485 275 at 2025-09-30 (the government's 2025 payment 2 table);
        // Halland has no 2025-09-30 figure (it did not qualify and was not published).
        Ref.RegionsByCode["01"].PopulationAt(new DateOnly(2023, 12, 31)).ShouldBe(2_454_821);
        Ref.RegionsByCode["01"].PopulationAt(new DateOnly(2025, 9, 30)).ShouldBe(2_485_275);
        Ref.RegionsByCode["13"].PopulationAt(new DateOnly(2025, 9, 30)).ShouldBeNull();
        Ref.Limits.Lookup("LIVMODERKROPP", "surgery", new DateOnly(2025, 6, 1)).Days.ShouldBe(32);
    }
}
