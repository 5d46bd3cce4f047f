using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Web.Auth;

namespace Svf.Web.Pages.Region;

public sealed class HistoryModel(SubmissionUseCases submissions, ReferenceDataSet reference) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public IReadOnlyList<SubmissionInfo> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    public string RegionName => reference.RegionsByCode.TryGetValue(Code, out var r) ? r.Name : Code;

    public bool CanWithdraw => User.ToCaller().CanActForRegion(Code);

    public void OnGet() => Rows = submissions.History(User.ToCaller(), Code);

    public IActionResult OnPostWithdraw(long id, string? reason)
    {
        var done = submissions.Withdraw(User.ToCaller(), id, reason ?? "");
        Message = $"Inrapportering {done.Id} ({done.Kind} {done.Period}, version {done.VersionNumber}) är återkallad. Den finns kvar i historiken men räknas inte längre.";
        Rows = submissions.History(User.ToCaller(), Code);
        return Page();
    }

    public static string StatusText(SubmissionInfo s) => s.Status switch
    {
        SubmissionStatus.Rejected => "avvisad",
        SubmissionStatus.Withdrawn => "återkallad",
        _ when s.SupersededBy is { } by => $"ersatt av {by}",
        SubmissionStatus.AcceptedWithWarnings => "gällande (med varningar)",
        _ => "gällande",
    };
}
