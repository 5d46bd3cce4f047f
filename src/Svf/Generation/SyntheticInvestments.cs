using System.Globalization;
using System.Text;
using Svf.Domain;
using Svf.Indicators;
using Svf.Investments;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Generation;

/// <summary>
/// Realistic demo files for the special-investment follow-up and the SKR reconciliation: one report per RCC and year
/// (CSV; RCC Väst's as JSON, to show both formats), and an SKR figures file computed from the stored submissions with a
/// few planted differences. Deterministic for a given seed.
/// </summary>
public static class SyntheticInvestments
{
    private static readonly string[] Criteria =
    [
        "Ansökan med mall från RCC i samverkan; bedömning av förväntad effekt på ledtider och jämlikhet; fördelning efter befolkning mellan regionerna",
        "Lika del per region, därefter ansökan; prioritet för SVF med lägst andel inom ledtid",
        "Ansökan bedömd av styrgrupp med regionernas verksamhetschefer; krav på mätbart mål",
    ];

    private static readonly Dictionary<string, (string Name, string Unit, string Aim, string[] Svf)[]> Ideas = new(StringComparer.Ordinal)
    {
        [InvestmentAreas.Pathology] =
        [
            ("Digital patologi med AI-stöd", "Klinisk patologi", "Kortare svarstider för histopatologiska svar", ["BROST", "PROSTATA"]),
            ("Utbildningstjänster för biomedicinska analytiker", "Klinisk patologi och cytologi", "Fler analytiker inom patologin", []),
            ("Snabbspår för lungbiopsier", "Patologi och lungmedicin", "Svar inom fem dagar på lungbiopsier", ["LUNG"]),
        ],
        [InvestmentAreas.Imaging] =
        [
            ("Kvällsmottagning för MR", "Bild- och funktionsmedicin", "Fler MR-undersökningar för SVF-patienter", ["PROSTATA"]),
            ("Gemensam DT-kö i sjukvårdsregionen", "Röntgenkliniken", "Kortare väntetid till DT vid välgrundad misstanke", ["LUNG", "TJOCK_ANDTARM"]),
            ("Teleradiologi på helger", "Bild- och funktionsmedicin", "Granskning av SVF-undersökningar inom två dagar", []),
        ],
        [InvestmentAreas.Rehabilitation] =
        [
            ("Aktiva överlämningar efter barncancer", "Barn- och ungdomsmedicin", "Alla barn får en aktiv överlämning till vuxenvården", []),
            ("Cancerrehabilitering i primärvården", "Rehabiliteringsenheten", "Bedömning av rehabiliteringsbehov inom SVF", []),
            ("Palliativt konsultteam", "Palliativ vård", "Tillgång till palliativ konsult dygnet runt", []),
        ],
        [InvestmentAreas.PrimaryCare] =
        [
            ("Diagnostiskt centrum i primärvården", "Vårdcentralerna", "Snabbare välgrundad misstanke vid ospecifika symtom", ["OSPECIFIKA"]),
        ],
    };

    /// <summary>Writes one report per RCC for <paramref name="year"/> into <paramref name="dir"/>; returns (rcc, path).
    /// RCC Norr has not reported rehabilitation; one RCC passes on less than its allocation.</summary>
    public static IReadOnlyList<(string Rcc, string Path)> WriteRccReports(InvestmentService service, ReferenceDataSet reference, int year, string dir, int seed = 2026)
    {
        Directory.CreateDirectory(dir);
        var allocated = service.Allocated(year);
        var files = new List<(string, string)>();
        foreach (var (rcc, index) in reference.Rccs.Select((r, i) => (r, i)))
        {
            var rng = new Random(seed * 31 + index);
            var regions = reference.Regions.Where(r => r.RccCode == rcc.Code).Select(r => r.Code).ToList();
            var areaRows = new List<Dictionary<string, object?>>();
            var projectRows = new List<Dictionary<string, object?>>();
            var n = 0;
            foreach (var area in allocated.Keys.Where(k => k.Rcc == rcc.Code).Select(k => k.Area).Order(StringComparer.Ordinal))
            {
                if (rcc.Code == "Norr" && area == InvestmentAreas.Rehabilitation)
                {
                    continue;
                }
                var money = allocated[(rcc.Code, area)];
                // 85–100 % passed on (the rest covers the RCC's administration, as the agreement allows), in whole thousands.
                var passedOn = money * (85 + rng.Next(16)) / 100 / 1000 * 1000;
                areaRows.Add(new() { ["area"] = area, ["criteria"] = Criteria[rng.Next(Criteria.Length)], ["amount_passed_on"] = passedOn });
                var ideas = Ideas[area];
                var count = Math.Min(ideas.Length, 1 + rng.Next(ideas.Length));
                var left = passedOn;
                for (var i = 0; i < count; i++)
                {
                    var idea = ideas[(i + index) % ideas.Length];
                    var amount = i == count - 1 ? left : passedOn / count / 1000 * 1000;
                    left -= amount;
                    var start = new DateOnly(year, idea.Svf.Length > 0 ? 7 : 2 + rng.Next(6), 1);
                    var status = idea.Svf.Length > 0 ? "ongoing" : rng.Next(3) == 0 ? "completed" : "ongoing";
                    n++;
                    projectRows.Add(new()
                    {
                        ["project_id"] = $"{rcc.Code.ToUpperInvariant()}-{area[..3].ToUpperInvariant()}-{n:00}",
                        ["area"] = area, ["project_name"] = idea.Name, ["responsible_unit"] = $"{idea.Unit}, {reference.RegionsByCode[regions[(i + n) % regions.Count]].Name}",
                        ["regions"] = regions[(i + n) % regions.Count], ["amount"] = amount, ["start_date"] = Svf.Output.IsoDate.ToText(start),
                        ["end_date"] = Svf.Output.IsoDate.ToText(start.AddYears(1).AddDays(-1)), ["aim"] = idea.Aim, ["status"] = status,
                        ["results"] = status == "completed" ? "Målet nått enligt projektets slutrapport" : null,
                        ["affected_svf"] = string.Join(",", idea.Svf), ["good_example"] = rng.Next(4) == 0 || (status == "completed" && rng.Next(2) == 0),
                    });
                }
            }
            var path = Path.Combine(dir, $"sarskilda-satsningar-{rcc.Code}-{year}{(rcc.Code == "Vast" ? ".json" : ".csv")}");
            File.WriteAllText(path, rcc.Code == "Vast" ? Json(areaRows, projectRows) : Csv(areaRows, projectRows), new UTF8Encoding(false));
            files.Add((rcc.Code, path));
        }
        return files;
    }

    private static string Csv(List<Dictionary<string, object?>> areas, List<Dictionary<string, object?>> projects)
    {
        var b = new StringBuilder();
        b.AppendLine(string.Join(';', InvestmentColumns.All));
        foreach (var (type, rows) in new[] { (InvestmentColumns.AreaRow, areas), (InvestmentColumns.ProjectRow, projects) })
        {
            foreach (var r in rows)
            {
                b.AppendLine(string.Join(';', InvestmentColumns.All.Select(c => c == InvestmentColumns.RowType ? type : Field(r.GetValueOrDefault(c)))));
            }
        }
        return b.ToString();
    }

    private static string Field(object? v) => v switch
    {
        null => "",
        bool x => x ? "ja" : "nej",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString()!.Contains(';', StringComparison.Ordinal) ? "\"" + v + "\"" : v.ToString()!,
    };

    private static string Json(List<Dictionary<string, object?>> areas, List<Dictionary<string, object?>> projects)
    {
        static Dictionary<string, object?> Arrays(Dictionary<string, object?> r) => r.ToDictionary(kv => kv.Key, kv => kv.Key is "regions" or "affected_svf"
            ? (object?)((string?)kv.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries) : kv.Value);
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["format_version"] = InvestmentColumns.FormatVersion, ["areas"] = areas, ["projects"] = projects.Select(Arrays).ToList(),
        }, JsonWriteOptions);
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonWriteOptions =
        new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// SKR's figures for <paramref name="year"/> per region × SVF × sex × month, as the indicator engine computes them from the
    /// stored submissions, with planted differences: the largest cell's pathways started +7 or +5 %, whichever is more (so
    /// that it is beyond the default tolerance of 2 pathways and 2 % however large the cell), the median of the cell with the
    /// most treated patients (another one) +6 days, Gävleborg (21) left out, one row with an SVF code Socialstyrelsen does not know.
    /// </summary>
    public static string WriteSkrFile(SvfDatabase db, ReferenceDataSet reference, int year, string path)
    {
        var engine = new IndicatorEngine(reference, new IndicatorOptions());
        var rows = engine.Compute(IndicatorSource.Pathways(db), IndicatorSource.NewCases(db), new IndicatorQuery(PeriodKind.Month, new ReportingPeriod(PeriodKind.Year, year, 1)))
            .Where(r => r.Level == "region" && r.Svf != IndicatorEngine.AllSvf && r.Sex != IndicatorEngine.BothSexes && (r.Started ?? 0) + (r.Completed ?? 0) + (r.Treated ?? 0) > 0)
            .ToList();
        var b = new StringBuilder();
        b.AppendLine("region;svf;sex;period;started;completed;treated;within_limit;lead_time_median");
        var inv = CultureInfo.InvariantCulture;
        var kept = rows.Where(r => r.UnitCode != "21").ToList();
        var mostStarted = kept.OrderByDescending(r => r.Started ?? 0).ThenBy(r => (r.UnitCode, r.Svf, r.Sex, r.Period)).FirstOrDefault();
        var mostTreated = kept.Where(r => r != mostStarted && r.LeadTimeMedian is not null).OrderByDescending(r => r.Treated ?? 0).ThenBy(r => (r.UnitCode, r.Svf, r.Sex, r.Period)).FirstOrDefault();
        foreach (var r in kept)
        {
            var started = (r.Started ?? 0) + (r == mostStarted ? Math.Max(7, (int)Math.Ceiling(0.05 * (r.Started ?? 0))) : 0);
            var median = r == mostTreated ? r.LeadTimeMedian + 6 : r.LeadTimeMedian;
            b.AppendLine(string.Create(inv, $"{r.UnitCode};{r.Svf};{r.Sex};{r.Period};{started};{r.Completed ?? 0};{r.Treated ?? 0};{r.WithinLimit ?? 0};{median?.ToString("0.#", inv)}"));
        }
        b.AppendLine(string.Create(inv, $"01;LUNGCANCER_SCREENING;K;{year}-06;3;1;1;1;20"));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, b.ToString(), new UTF8Encoding(false));
        return path;
    }
}
