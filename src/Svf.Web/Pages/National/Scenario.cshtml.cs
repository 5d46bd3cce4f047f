using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.Web.Api;
using Svf.Web.Auth;

namespace Svf.Web.Pages.National;

/// <summary>What-if: the assessment under another threshold, policy or population date, side by side with the current one (analysts).</summary>
public sealed class ScenarioModel(AssessmentUseCases assessments, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "inclusion")]
    public string? Inclusion { get; set; }

    [BindProperty(SupportsGet = true, Name = "lead_time")]
    public string? LeadTime { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Policy { get; set; }

    [BindProperty(SupportsGet = true, Name = "population_date")]
    public string? PopulationDate { get; set; }

    public WhatIfResult? Result { get; private set; }

    /// <summary>The scenario as a query string (year, thresholds, policy, population date) for the download links.</summary>
    public string Query => string.Join("&", new[] { ("year", (string?)TheYear.ToString(CultureInfo.InvariantCulture)), ("inclusion", Inclusion), ("lead_time", LeadTime),
            ("policy", Policy), ("population_date", PopulationDate) }
        .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public int TheYear => Year ?? Svf.Domain.SwedishTime.Today(clock).Year - 1;

    public void OnGet() => Run();

    /// <summary>The same comparison as CSV (the columns of <see cref="WhatIfRow"/>, docs/output-columns.md).</summary>
    public IActionResult OnGetCsv() => Download(r => File(Downloads.Csv(r.Rows), "text/csv; charset=utf-8", $"vad-om-{TheYear}.csv"));

    /// <summary>The same comparison as an Excel workbook (numbers as numbers).</summary>
    public IActionResult OnGetXlsx() => Download(r => File(Downloads.Xlsx(r.Rows, $"vad-om-{TheYear}"), Downloads.XlsxContentType, $"vad-om-{TheYear}.xlsx"));

    private IActionResult Download(Func<WhatIfResult, IActionResult> file) =>
        Run() is { } r ? file(r) : BadRequest("Ange ett scenario (tröskel, policy eller befolkningsdatum) att jämföra med.");

    private WhatIfResult? Run()
    {
        var caller = User.ToCaller();
        if (!caller.CanRunAssessment)
        {
            // Let the service refuse (and audit) rather than decide here.
            assessments.WhatIf(caller, TheYear, new WhatIfScenario());
        }
        if (Inclusion is null && LeadTime is null && Policy is null && PopulationDate is null)
        {
            return null;
        }
        var scenario = DataEndpoints.Scenario(new DataEndpoints.WhatIfRequest(Percent(Inclusion), Percent(LeadTime), Policy, PopulationDate));
        return Result = assessments.WhatIf(caller, TheYear, scenario);
    }

    /// <summary>"65" or "65,5" (percent) → 0.65 / 0.655; empty → unchanged.</summary>
    private static decimal? Percent(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var t = text.Replace('%', ' ').Replace(',', '.').Trim();
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var p)
            ? p / 100m
            : throw new ArgumentException($"'{text}' är ingen procentsats: skriv t.ex. 65 eller 72,5.");
    }
}
