using Svf.Investments;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Tests.Investments;

public class AllocationTests
{
    private static readonly ReferenceDataSet Reference = ReferenceDataSet.Embedded;
    private static readonly AgreementRulesCatalog Rules = AgreementRulesCatalog.Load(Reference);
    private static readonly AllocationCatalog Catalog = AllocationCatalog.Load(Reference, Rules);

    private static IReadOnlyList<AllocationShare> Expand(int year) => AllocationExpander.Expand(Catalog.ForYear(year), Rules.ForYear(year), Reference);

    [Theory]
    [InlineData(2024, 809_000_000)]
    [InlineData(2025, 817_000_000)]
    [InlineData(2026, 1_005_000_000)]
    public void Every_year_expands_to_its_total_exactly_to_the_krona(int year, long total)
    {
        var allocation = Catalog.ForYear(year);
        allocation.Total.ShouldBe(total);
        var shares = Expand(year);
        shares.Sum(s => s.Amount).ShouldBe(total);
        foreach (var item in allocation.Items)
        {
            shares.Where(s => s.ItemId == item.Id).Sum(s => s.Amount).ShouldBe(item.Amount, item.Id);
        }
        AllocationExpander.Totals(shares).Sum(t => t.Amount).ShouldBe(total);
    }

    [Theory]
    [InlineData(2024, 365_000_000, 405_000_000, 39_000_000)]
    [InlineData(2025, 365_000_000, 418_000_000, 34_000_000)]
    public void The_seeds_split_regions_rcc_and_rcc_i_samverkan(int year, long regions, long rcc, long samverkan)
    {
        var shares = Expand(year);
        shares.Where(s => s.RecipientKind == RecipientKind.Regions).Sum(s => s.Amount).ShouldBe(regions);
        shares.Where(s => s.RecipientKind is RecipientKind.Rcc or RecipientKind.NamedRcc).Sum(s => s.Amount).ShouldBe(rcc);
        shares.Where(s => s.RecipientKind == RecipientKind.RccISamverkan).Sum(s => s.Amount).ShouldBe(samverkan);
    }

    [Fact]
    public void Pathology_2025_goes_to_the_rcc_by_the_sum_of_their_regions_populations()
    {
        // Populations 2023-12-31 (regioner.csv): Väst = Halland 343 746 + Västra Götaland 1 767 016 = 2 110 762 of 10 551 707.
        // 60 000 000 × 2 110 762 / 10 551 707 = 12 002 391,65. Integer parts sum to 59 999 996; the 4 kronor left go to the
        // largest remainders: Stockholm-Gotland ,96, Syd ,88, Sydöst ,87, Väst ,65 (Norr ,21 and Mellansverige ,42 do not).
        var rows = Expand(2025).Where(s => s.ItemId == "pathology").ToDictionary(s => s.RecipientCode);
        rows["Vast"].Weight.ShouldBe(2_110_762);
        rows["Vast"].Amount.ShouldBe(12_002_392);
        rows["Norr"].Amount.ShouldBe(5_128_624);
        rows["Mellansverige"].Amount.ShouldBe(12_236_342);
        rows["Stockholm-Gotland"].Amount.ShouldBe(14_305_837);
        rows["Sydost"].Amount.ShouldBe(6_185_659);
        rows["Syd"].Amount.ShouldBe(10_141_146);
        rows.Values.Sum(r => r.Weight).ShouldBe(10_551_707);
        rows.Values.ShouldAllBe(r => r.PopulationReferenceDate == new DateOnly(2023, 12, 31) && r.Area == InvestmentAreas.Pathology);
    }

    [Fact]
    public void Equal_shares_give_the_odd_kronor_to_the_first_codes_in_order()
    {
        // 16 000 000 / 6 = 2 666 666 remainder 4: equal remainders and weights, so the four first codes (ordinal) get one more.
        var rows = Expand(2025).Where(s => s.ItemId == "svf_regional_support").ToDictionary(s => s.RecipientCode, s => s.Amount);
        rows["Mellansverige"].ShouldBe(2_666_667);
        rows["Norr"].ShouldBe(2_666_667);
        rows["Stockholm-Gotland"].ShouldBe(2_666_667);
        rows["Syd"].ShouldBe(2_666_667);
        rows["Sydost"].ShouldBe(2_666_666);
        rows["Vast"].ShouldBe(2_666_666);
    }

    [Fact]
    public void Named_and_samverkan_items_go_whole_to_their_recipient()
    {
        var shares = Expand(2025);
        shares.Where(s => s.ItemId == "screening_coordination").ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            s => s.RecipientCode.ShouldBe("Vast"), s => s.Amount.ShouldBe(8_000_000), s => s.RecipientKind.ShouldBe(RecipientKind.NamedRcc));
        shares.Where(s => s.ItemId == "national_svf").ShouldHaveSingleItem().Amount.ShouldBe(14_000_000);
        // RCC Väst's total 2025 = its shares of the RCC items + the three screening items of 26 MSEK.
        var vast = AllocationExpander.Totals(shares).Single(t => t.RecipientCode == "Vast");
        vast.Amount.ShouldBe(shares.Where(s => s.RecipientCode == "Vast").Sum(s => s.Amount));
        shares.Where(s => s.RecipientCode == "Vast" && s.RecipientKind == RecipientKind.NamedRcc).Sum(s => s.Amount).ShouldBe(26_000_000);
    }

    [Fact]
    public void The_regions_money_comes_from_the_rules_file_and_payment_2_is_marked_conditional()
    {
        var shares = Expand(2025);
        shares.Where(s => s.ItemId == "svf_regions_payment1").Sum(s => s.Amount).ShouldBe(Rules.ForYear(2025).Payments.Single(p => p.Id == "payment1").Amount);
        shares.Where(s => s.ItemId == "svf_regions_payment1").ShouldAllBe(s => !s.Conditional);
        shares.Where(s => s.ItemId == "svf_regions_payment2").ShouldAllBe(s => s.Conditional);
        shares.Count(s => s.ItemId == "svf_regions_payment2").ShouldBe(21);
    }

    [Fact]
    public void The_2026_areas_include_primary_care_and_the_unknown_split_is_provisional()
    {
        var a = Catalog.ForYear(2026);
        a.Areas.ShouldBe([InvestmentAreas.Pathology, InvestmentAreas.Imaging, InvestmentAreas.Rehabilitation, InvestmentAreas.PrimaryCare]);
        a.Items.Where(i => i.Area is not null).Sum(i => i.Amount).ShouldBe(280_000_000);
        a.Items.Where(i => i.Area is not null).ShouldAllBe(i => i.Provisional);
        a.ProvisionalParameters().ShouldContain(p => p.StartsWith("allocation.primary_care:", StringComparison.Ordinal));
        Catalog.ForYear(2025).Areas.ShouldNotContain(InvestmentAreas.PrimaryCare);
        Catalog.ForYear(2025).Items.Where(i => i.Area is not null).ShouldAllBe(i => !i.Provisional);
    }

    private static string File2025() => File.ReadAllText(Path.Combine(Support.RepositoryRoot.Path, "src/Svf/Rules/Data/allocation-2025.json"));

    [Fact]
    public void A_file_whose_items_do_not_sum_to_the_total_is_refused_naming_the_file()
    {
        var json = File2025().Replace("\"amount\": 80000000", "\"amount\": 81000000", StringComparison.Ordinal);
        var e = Should.Throw<InvalidDataException>(() => AllocationCatalog.Parse(json, "allocation-2025.json", Reference, Rules));
        e.Message.ShouldContain("allocation-2025.json");
        e.Message.ShouldContain("the items sum to 818000000 kr, not the total 817000000 kr");
        e.Message.ShouldContain("its items sum to 419000000 kr, not 418000000 kr");
    }

    [Fact]
    public void A_schema_violation_is_refused()
    {
        var json = File2025().Replace("\"key\": \"equal\", \"amount\": 16000000", "\"key\": \"named\", \"amount\": 16000000", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => AllocationCatalog.Parse(json, "allocation-2025.json", Reference, Rules))
            .Message.ShouldContain("allocation.schema.json");
        var both = File2025().Replace("\"rules_payment\": \"payment1\"", "\"rules_payment\": \"payment1\", \"amount\": 1", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => AllocationCatalog.Parse(both, "allocation-2025.json", Reference, Rules));
    }

    [Fact]
    public void An_unknown_rcc_or_rules_payment_is_refused()
    {
        var json = File2025().Replace("\"recipient_code\": \"Vast\", \"key\": \"named\", \"amount\": 8000000", "\"recipient_code\": \"Vasterbotten\", \"key\": \"named\", \"amount\": 8000000", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => AllocationCatalog.Parse(json, "allocation-2025.json", Reference, Rules)).Message.ShouldContain("unknown RCC 'Vasterbotten'");
        var payment = File2025().Replace("\"rules_payment\": \"payment2\"", "\"rules_payment\": \"payment3\"", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => AllocationCatalog.Parse(payment, "allocation-2025.json", Reference, Rules)).Message.ShouldContain("payment 'payment3'");
    }

    [Fact]
    public void A_provisional_item_without_a_note_is_refused()
    {
        var json = File2025().Replace("\"key\": \"equal\", \"amount\": 16000000", "\"key\": \"equal\", \"amount\": 16000000, \"provisional\": true", StringComparison.Ordinal);
        Should.Throw<InvalidDataException>(() => AllocationCatalog.Parse(json, "allocation-2025.json", Reference, Rules));
    }

    [Fact]
    public void A_new_year_is_a_new_file()
    {
        var dir = Directory.CreateTempSubdirectory("svf-alloc-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "allocation-2025.json"), File2025().Replace("\"title\": \"Fördelning", "\"title\": \"Egen fördelning", StringComparison.Ordinal));
            AllocationCatalog.Load(Reference, Rules, dir).ForYear(2025).Title.ShouldStartWith("Egen fördelning");
            Should.Throw<KeyNotFoundException>(() => Catalog.ForYear(2031)).Message.ShouldContain("allocation-2031.json");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
