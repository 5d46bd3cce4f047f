using Svf.Output;
using Svf.ReferenceData;
using Svf.Rules;

namespace Svf.Reports;

/// <summary>Checks a report against the year's template and against the figures computed from the region's own data.</summary>
public static class ReportCompleteness
{
    /// <param name="computedInclusion">Inclusion computed from the region's submitted data for the rules' period, or null if it cannot be.</param>
    public static List<ReportFinding> Check(RegionReport report, AgreementRules rules, ReferenceDataSet reference, double? computedInclusion)
    {
        var findings = new List<ReportFinding>();
        foreach (var section in rules.ReportTemplate.Sections.Where(s => s.Required))
        {
            switch (section.Kind)
            {
                case ReportSectionKind.SvfStatus:
                    var scope = SvfInScope(rules, reference);
                    foreach (var svf in scope.Where(s => !report.SvfStatus.Any(e => e.Svf == s.Code && !string.IsNullOrWhiteSpace(e.Comment))))
                    {
                        findings.Add(new("svf_status.missing", ReportFinding.Missing, section.Id, svf.Code,
                            $"Väntetidsläget för SVF {svf.NameSv} saknar regionens kommentar."));
                    }
                    break;
                case ReportSectionKind.Prem:
                    if (report.Prem?.InUse is null)
                    {
                        findings.Add(new("prem.in_use_missing", ReportFinding.Missing, section.Id, null, "Det framgår inte om PREM-enkäter används i uppföljningen av SVF."));
                    }
                    else if (report.Prem.InUse == true)
                    {
                        if (string.IsNullOrWhiteSpace(report.Prem.Results))
                        {
                            findings.Add(new("prem.results_missing", ReportFinding.Missing, section.Id, null, "Resultatet av PREM-enkäterna saknas."));
                        }
                        if (string.IsNullOrWhiteSpace(report.Prem.HowUsed))
                        {
                            findings.Add(new("prem.how_used_missing", ReportFinding.Missing, section.Id, null, "Det saknas en beskrivning av hur PREM-resultaten använts i förbättringsarbetet."));
                        }
                    }
                    break;
                case ReportSectionKind.Obstacles:
                    if (!report.Obstacles.Any(o => !string.IsNullOrWhiteSpace(o.Description)))
                    {
                        findings.Add(new("obstacles.empty", ReportFinding.Missing, section.Id, null,
                            $"{section.TitleSv}: inga SVF med beskrivna hinder."));
                    }
                    foreach (var o in report.Obstacles.Where(o => !reference.SvfsByCode.ContainsKey(o.Svf)))
                    {
                        findings.Add(new("obstacles.unknown_svf", ReportFinding.Inconsistent, section.Id, o.Svf, $"Okänd SVF-kod '{o.Svf}' bland hindren."));
                    }
                    break;
                case ReportSectionKind.Text:
                    if (!report.Texts.TryGetValue(section.Id, out var text) || string.IsNullOrWhiteSpace(text))
                    {
                        findings.Add(new("section.empty", ReportFinding.Missing, section.Id, null, $"Avsnittet \"{section.TitleSv}\" är tomt."));
                    }
                    break;
                case ReportSectionKind.Number:
                    if (report.OwnInclusionRate is null)
                    {
                        findings.Add(new("own_inclusion_rate.missing", ReportFinding.Missing, section.Id, null, "Regionens egen inklusionsgrad saknas."));
                    }
                    break;
            }
        }
        if (report.OwnInclusionRate is { } own && computedInclusion is { } computed)
        {
            var differencePp = Math.Abs((double)own - computed) * 100;
            if (differencePp > (double)rules.InclusionTolerancePp)
            {
                findings.Add(new("own_inclusion_rate.differs", ReportFinding.Inconsistent, "own_inclusion_rate", null,
                    $"Regionens inklusionsgrad {SwedishFormat.Percent((double)own)} skiljer sig med {SwedishFormat.Number(differencePp)} procentenheter från {SwedishFormat.Percent(computed)}, beräknad ur regionens inrapporterade data (tolerans {SwedishFormat.Number((double)rules.InclusionTolerancePp)} procentenheter)."));
            }
        }
        return findings;
    }

    /// <summary>The SVF whose waiting-time status the report must give: the agreement's list (Bilaga 3).</summary>
    public static IReadOnlyList<SvfDefinition> SvfInScope(AgreementRules rules, ReferenceDataSet reference) =>
        rules.SvfInScope(reference).Select(code => reference.SvfsByCode[code]).ToList();
}
