using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.Assessment;
using Svf.Web.Api;
using Svf.Web.Auth;

namespace Svf.Web.Pages.National;

/// <summary>The assessment: analysts run it (the run money is decided on, audited with its fingerprint); the ministry reads it.</summary>
public sealed class AssessmentModel(AssessmentUseCases assessments, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Policy { get; set; }

    public Svf.Assessment.AssessmentRun Run { get; private set; } = null!;

    public bool WasRun { get; private set; }

    public bool CanRun => User.ToCaller().CanRunAssessment;

    public int TheYear => Year ?? Svf.Domain.SwedishTime.Today(clock).Year - 1;

    public string Query => $"?policy={Run.Policy.ToString().ToLowerInvariant()}";

    public DateTime? LockedAtUtc { get; private set; }

    public string? LockMessage { get; private set; }

    public void OnGet()
    {
        Run = assessments.Current(User.ToCaller(), TheYear, DataEndpoints.Policy(Policy));
        LockedAtUtc = assessments.LockedAtUtc(TheYear);
    }

    /// <summary>Locks this run as the year's payment decision (analysts; the decision service refuses a second lock).</summary>
    public IActionResult OnPostLock()
    {
        try
        {
            var locked = assessments.Lock(User.ToCaller(), TheYear, DataEndpoints.Policy(Policy));
            LockMessage = $"Beslutet för {TheYear} är låst (beslut {locked.Id}). Det ändras inte av data som kommer in senare.";
        }
        catch (InvalidOperationException e)
        {
            LockMessage = "Beslutet kunde inte låsas: " + e.Message;
        }
        OnGet();
        return Page();
    }

    public IActionResult OnPostRun()
    {
        Run = assessments.Run(User.ToCaller(), TheYear, DataEndpoints.Policy(Policy));
        LockedAtUtc = assessments.LockedAtUtc(TheYear);
        WasRun = true;
        return Page();
    }

    public static string OutcomeText(ConditionOutcome o) => o switch
    {
        ConditionOutcome.Met => "uppfyllt",
        ConditionOutcome.NotMet => "ej uppfyllt",
        _ => "kan inte bedömas",
    };

    public static string OutcomeCss(ConditionOutcome o) => o switch
    {
        ConditionOutcome.Met => "status-ok",
        ConditionOutcome.NotMet => "status-bad",
        _ => "status-warn",
    };
}
