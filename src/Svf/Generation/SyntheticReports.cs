using Svf.Reports;
using Svf.Rules;

namespace Svf.Generation;

/// <summary>Fills a pre-filled draft the way a region would: a comment per SVF, PREM answers, obstacles, every text section.</summary>
public static class SyntheticReports
{
    public static RegionReport Complete(RegionReport draft, AgreementRules rules, double? ownInclusion, bool premInUse = true)
    {
        var worst = draft.SvfStatus.OrderBy(s => s.WithinLimitShare ?? 1).Take(2).ToList();
        return draft with
        {
            SvfStatus = draft.SvfStatus.Select(s => s with
            {
                Comment = s.WithinLimitShare is { } w
                    ? $"{w * 100:0} % inom ledtid första halvåret; {(w >= 0.8 ? "målet nås" : "målet nås inte, se förbättringsarbetet")}."
                    : "Ingen ledtid definierad eller inga behandlade; följs via antal startade förlopp.",
            }).ToList(),
            Prem = premInUse
                ? new PremSection(true, "Svarsfrekvens 48 %; 86 % upplevde att väntetiden förklarades väl.", "Resultaten har lett till tydligare information vid välgrundad misstanke och en kontaktsjuksköterska i alla förlopp.")
                : new PremSection(false, "", ""),
            Obstacles = worst.Select(s => new ObstacleEntry(s.Svf, "Brist på kapacitet för diagnostisk bilddiagnostik och patologi; väntan på MDK.")).ToList(),
            Texts = rules.ReportTemplate.Sections.Where(s => s.Kind == ReportSectionKind.Text)
                .ToDictionary(s => s.Id, s => s.Id == "improvement_work"
                    ? "Gemensam bokningsfunktion för diagnostik, utökade MDK-tider och veckovis uppföljning av förlopp som riskerar att överskrida ledtiden."
                    : $"Regionens redovisning av avsnittet \"{s.TitleSv}\"."),
            OwnInclusionRate = ownInclusion is { } v ? Math.Round((decimal)v, 3) : null,
        };
    }
}
