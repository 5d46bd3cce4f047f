using System.Text;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Tests.Support;

namespace Svf.Tests.Ingestion;

/// <summary>
/// The feedback on a new-cases file names every SVF × period (× sex) whose figure the 2025 assessment will need and the
/// file does not give: the inclusion condition pools the 28 SVF of Bilaga 3 with an ICD list over 2025-H1.
/// </summary>
public class NewCasesCompletenessTests
{
    private static readonly IReadOnlyList<string> Needed = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded).ForYear(2025)
        .Condition("inclusion").SvfCodes.Where(c => ReferenceDataSet.Embedded.SvfsByCode[c].HasIcdList).ToList();

    private static FeedbackReport Send(string provider, string rows)
    {
        using var t = TestDatabases.Create(provider);
        return TestSubmissions.Service(t.Db).SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes("region;svf;period;sex;new_cases\n" + rows)), "n.csv", "01",
            ReportingPeriod.Parse("2025"), "t");
    }

    private static string AllBut(string svf) => string.Concat(Needed.Where(c => c != svf).Select(c => $"01;{c};2025;;0\n"));

    private static List<string> Completeness(FeedbackReport r) =>
        r.Issues.Where(i => i.Code.StartsWith("completeness.", StringComparison.Ordinal)).Select(i => i.Message).ToList();

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void An_explicit_zero_is_a_figure(string provider)
    {
        var r = Send(provider, AllBut("BROST") + "01;BROST;2025;;0\n");
        Completeness(r).ShouldBeEmpty();
        r.Status.ShouldBe(SubmissionStatus.Accepted);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_figure_that_covers_only_part_of_the_period_names_the_months_still_needed(string provider)
    {
        // Before: BROST had a row, so nothing was warned, and the assessment then read a Q1 figure as the H1 denominator.
        var r = Send(provider, AllBut("BROST") + "01;BROST;2025-Q1;;40\n");
        var messages = r.Issues.Where(i => i.Code == "completeness.new_cases_missing").Select(i => i.Message).ToList();
        messages.Count.ShouldBe(1);
        messages[0].ShouldStartWith("Antal nya cancerfall saknas för BROST 2025-04, 2025-05, 2025-06;");
        messages[0].ShouldContain("2025-H1");
        r.SvfWithoutRows.ShouldBeEmpty();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void An_svf_without_any_figure_is_named_with_the_period_the_assessment_needs(string provider)
    {
        var r = Send(provider, AllBut("LUNG"));
        r.Issues.Where(i => i.Code == "completeness.new_cases_missing").Select(i => i.Message).Single()
            .ShouldStartWith("Antal nya cancerfall saknas för LUNG 2025-H1;");
        r.SvfWithoutRows.ShouldBe(["LUNG"]);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_figure_for_one_sex_only_names_the_other_sex(string provider)
    {
        // One woman's figure, no man's: the men's breast cancers would count nowhere.
        var r = Send(provider, AllBut("BROST") + "01;BROST;2025-H1;K;10\n");
        var sexMessages = r.Issues.Where(i => i.Code == "completeness.new_cases_missing_sex").Select(i => i.Message).ToList();
        sexMessages.Single().ShouldStartWith("Antal nya cancerfall saknas för BROST 2025-H1 för män (M), men finns för kvinnor (K)");
        r.Issues.ShouldNotContain(i => i.Code == "completeness.new_cases_missing");
        // With both sexes given there is nothing to add.
        Completeness(Send(provider, AllBut("BROST") + "01;BROST;2025-H1;K;10\n01;BROST;2025-H1;M;0\n")).ShouldBeEmpty();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Figures_for_svf_the_assessment_does_not_pool_are_not_asked_for(string provider)
    {
        // OSPECIFIKA has no ICD list and is not pooled; H2 is outside the 2025 inclusion period.
        Completeness(Send(provider, string.Concat(Needed.Select(c => $"01;{c};2025-H1;;1\n")))).ShouldBeEmpty();
    }
}
