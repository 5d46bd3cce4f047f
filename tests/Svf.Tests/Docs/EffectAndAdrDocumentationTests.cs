using Svf.Investments;
using Svf.Reconciliation;
using Svf.Tests.Support;

namespace Svf.Tests.Docs;

/// <summary>The effect table's method, the SKR fallback's wording and ADR 0011 stay in step with the code.</summary>
public class EffectAndAdrDocumentationTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", name));

    [Fact]
    public void The_effect_method_in_the_docs_names_the_codes_resamples_and_seed_of_the_code()
    {
        var doc = Doc("special-investments.md");
        foreach (var comparison in Enum.GetValues<EffectComparison>())
        {
            doc.ShouldContain($"`{LeadTimeEffect.Code(comparison)}`");
        }
        foreach (var option in new[] { "`same-svf`", "`other-svf`", "`all`" })
        {
            doc.ShouldContain(option);
        }
        LeadTimeEffect.BootstrapResamples.ShouldBe(2000);
        doc.ShouldContain("`LeadTimeEffect.BootstrapResamples` = **2 000**");
        doc.ShouldContain($"`LeadTimeEffect.BootstrapSeed` = **{LeadTimeEffect.BootstrapSeed}**");
        LeadTimeEffect.MedianIntervalMethod.ShouldContain($"{LeadTimeEffect.BootstrapResamples} omdragningar, frö {LeadTimeEffect.BootstrapSeed}");
        doc.ShouldContain("**This is an association, not proof of an effect.**");
    }

    [Fact]
    public void The_skr_page_quotes_the_fallbacks_wording()
    {
        Doc("skr-reconciliation.md").ShouldContain($"*\"; {SkrLeadTimeFallback.CannotAssess}: SKR:s data är per");
    }

    [Fact]
    public void Adr_0011_exists_with_a_when_this_does_not_apply_section_and_is_linked()
    {
        var adr = Doc("adr/0011-investments-and-skr-reconciliation.md");
        adr.ShouldContain("## When this does not apply");
        foreach (var topic in new[] { "Allocation as data", "lägesbild", "association", "proposal", "Tolerances", "opt-in" })
        {
            adr.ShouldContain(topic, Case.Insensitive);
        }
        Doc("special-investments.md").ShouldContain("adr/0011-investments-and-skr-reconciliation.md");
        Doc("skr-reconciliation.md").ShouldContain("adr/0011-investments-and-skr-reconciliation.md");
    }
}
