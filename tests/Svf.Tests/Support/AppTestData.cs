using System.Globalization;
using System.Text;
using Svf.Application;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;
using C = Svf.Ingestion.SubmissionColumns;

namespace Svf.Tests.Support;

/// <summary>Small, hand-countable data sets for the use-case tests, sent through the submission service as a region would.</summary>
internal static class AppTestData
{
    public static readonly AgreementRulesCatalog Catalog = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded);

    public static SubmissionUseCases Submissions(SvfDatabase db, TimeProvider clock) =>
        new(db, ReferenceDataSet.Embedded, () => TestKeys.Pseudonymizer(), clock);

    /// <summary>
    /// One breast-cancer pathway per entry: suspicion on <c>start</c>, treatment (surgery) <c>days</c> later, cancer confirmed (C50.9).
    /// Each is included in the month of its treatment start and counts within the 2024- limit of 35 days when days ≤ 35.
    /// </summary>
    public static string BreastPathways(string region, IEnumerable<(DateOnly Start, int Days)> pathways)
    {
        var csv = new CsvBuilder();
        foreach (var (start, days) in pathways)
        {
            csv.Row(r =>
            {
                r[C.SuspicionDate] = Iso(start);
                r[C.FirstVisitDate] = Iso(start);
                r[C.TreatmentDecisionDate] = Iso(start);
                r[C.TreatmentStartDate] = Iso(start.AddDays(days));
            }, region);
        }
        return csv.Text();
    }

    /// <summary>A new-cases file: <paramref name="breast"/> for BROST and 0 for every other SVF of the inclusion condition's list, for <paramref name="period"/>.</summary>
    public static string NewCases(string region, string period, AgreementRules rules, double breast)
    {
        var b = new StringBuilder();
        b.AppendLine(string.Join(';', C.NewCasesRequired));
        foreach (var svf in InclusionScope(rules))
        {
            b.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{region};{svf};{period};{(svf == "BROST" ? breast : 0)}"));
        }
        return b.ToString();
    }

    /// <summary>The SVF the year's inclusion condition pools (those with a diagnosis group).</summary>
    public static IEnumerable<string> InclusionScope(AgreementRules rules)
    {
        var c = rules.Conditions.First(c => c.Type == ConditionType.Inclusion);
        var listed = c.SvfCodes.Count > 0 ? c.SvfCodes.Select(s => ReferenceDataSet.Embedded.SvfsByCode[s]) : ReferenceDataSet.Embedded.SvfsIntroducedBefore(c.SvfIntroducedBefore!.Value);
        return listed.Where(s => s.HasIcdList).Select(s => s.Code);
    }

    public static async Task<FeedbackReport> Send(SubmissionUseCases uc, string kind, string region, string period, string content)
    {
        var report = await uc.SubmitAsync(Caller.Analyst("mottagare"), kind, region, ReportingPeriod.Parse(period), new MemoryStream(Encoding.UTF8.GetBytes(content)), $"{kind}-{region}.csv");
        report.ErrorCount.ShouldBe(0, string.Join("; ", report.Issues.Select(i => i.Message)));
        return report;
    }

    public static IEnumerable<(DateOnly, int)> Repeat(int count, DateOnly start, int days) => Enumerable.Range(0, count).Select(i => (start.AddDays(i % 20), days));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
