using System.Runtime.CompilerServices;
using Svf.Domain;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Ingestion;

/// <summary>
/// Which new-cases figures the payment assessment will need from a file, and which of them the file does not give, so a
/// region can send them before the deadline instead of finding its inclusion "kan inte bedömas". The assessment needs,
/// for every inclusion condition of the year's rules (built in), a figure for every SVF it pools (the condition's SVF list
/// with an ICD list) covering every month of the condition's period that lies in the file's period; a year without rules
/// needs every SVF with an ICD list introduced by then, over the file's whole period. A figure for both sexes covers
/// everyone; where a region gives figures by sex, each sex needs its own, or that sex's pathways count nowhere.
/// An explicit 0 is a figure.
/// </summary>
internal static class NewCasesCompleteness
{
    private static readonly ConditionalWeakTable<ReferenceDataSet, AgreementRulesCatalog> Catalogs = new();

    /// <summary>Warns for every SVF × period (× sex) needed and missing; returns the SVF with no figure at all in the file (the feedback's list).</summary>
    public static IReadOnlyList<string> Check(IEnumerable<(string Svf, ReportingPeriod Period, Sex? Sex)> figures, ReferenceDataSet reference,
        ReportingPeriod filePeriod, IssueCollector issues)
    {
        var bySvf = figures.GroupBy(f => f.Svf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (svf, period, label) in Needs(reference, filePeriod))
        {
            var months = period.MonthsWithin().Where(filePeriod.Contains).ToList();
            var own = bySvf.GetValueOrDefault(svf) ?? [];
            bool Covers(ReportingPeriod month, Sex? sex) => own.Any(f => f.Sex == sex && f.Period.Contains(month));
            var none = months.Where(m => !Covers(m, null) && !Covers(m, Sex.Male) && !Covers(m, Sex.Female)).ToList();
            if (none.Count > 0)
            {
                issues.Warning("completeness.new_cases_missing", 0, SubmissionColumns.Svf,
                    $"Antal nya cancerfall saknas för {svf} {Span(none, period)}; {label} behöver det. Skicka antalet (0 om inga fall finns: en nolla är ett antal).");
            }
            foreach (var (sex, other) in new[] { (Sex.Male, Sex.Female), (Sex.Female, Sex.Male) })
            {
                var missing = months.Where(m => !Covers(m, null) && !Covers(m, sex) && Covers(m, other)).ToList();
                if (missing.Count > 0)
                {
                    issues.Warning("completeness.new_cases_missing_sex", 0, SubmissionColumns.Sex,
                        $"Antal nya cancerfall saknas för {svf} {Span(missing, period)} för {(sex == Sex.Male ? "män (M)" : "kvinnor (K)")}, men finns för {(other == Sex.Male ? "män (M)" : "kvinnor (K)")}: " +
                        $"{(sex == Sex.Male ? "männens" : "kvinnornas")} förlopp räknas då inte i inklusionen ({label}). Skicka antalet för {sex.Code()} (0 om inga fall) eller ett antal för båda könen.");
                }
            }
        }
        return reference.Svfs
            .Where(s => s.HasIcdList && (s.YearIntroduced is null || s.YearIntroduced <= filePeriod.Year) && !bySvf.ContainsKey(s.Code))
            .Select(s => s.Code).ToList();
    }

    /// <summary>The SVF × period the assessment will read from a file of this period, with what needs it (in words).</summary>
    private static IEnumerable<(string Svf, ReportingPeriod Period, string Label)> Needs(ReferenceDataSet reference, ReportingPeriod filePeriod)
    {
        var catalog = Catalogs.GetValue(reference, r => AgreementRulesCatalog.Load(r));
        if (!catalog.Years.Contains(filePeriod.Year))
        {
            var whole = filePeriod;
            return reference.Svfs.Where(s => s.HasIcdList && (s.YearIntroduced is null || s.YearIntroduced <= filePeriod.Year))
                .Select(s => (s.Code, whole, $"inklusionsgraden för {whole}"));
        }
        var rules = catalog.ForYear(filePeriod.Year);
        return rules.Conditions
            .Where(c => c.Type == ConditionType.Inclusion && c.Period is not null && ReportingPeriod.Parse(c.Period).Overlaps(filePeriod))
            .SelectMany(c =>
            {
                var period = ReportingPeriod.Parse(c.Period!);
                var listed = c.SvfCodes.Count > 0 ? c.SvfCodes.Select(code => reference.SvfsByCode[code]) : reference.SvfsIntroducedBefore(c.SvfIntroducedBefore ?? int.MaxValue);
                return listed.Where(s => s.HasIcdList).Select(s => (s.Code, period, $"bedömningen av villkoret '{c.NameSv}' ({period})"));
            })
            .Distinct();
    }

    /// <summary>The months as the whole period when all are missing, else as a list or range.</summary>
    private static string Span(List<ReportingPeriod> months, ReportingPeriod period)
    {
        if (months.Count == period.Months)
        {
            return period.ToString();
        }
        return months.Count > 3 ? $"{months[0]}–{months[^1]}" : string.Join(", ", months);
    }
}
