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

    public int TheYear => Year ?? Svf.Domain.SwedishTime.Today(clock).Year - 1;

    public void OnGet()
    {
        var caller = User.ToCaller();
        if (!caller.CanRunAssessment)
        {
            // Let the service refuse (and audit) rather than decide here.
            assessments.WhatIf(caller, TheYear, new WhatIfScenario());
        }
        if (Inclusion is null && LeadTime is null && Policy is null && PopulationDate is null)
        {
            return;
        }
        var scenario = DataEndpoints.Scenario(new DataEndpoints.WhatIfRequest(Percent(Inclusion), Percent(LeadTime), Policy, PopulationDate));
        Result = assessments.WhatIf(caller, TheYear, scenario);
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
