using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Web.Api;
using Svf.Web.Auth;

namespace Svf.Web.Pages.Region;

public sealed class FeedbackModel(SubmissionUseCases submissions, ReferenceDataSet reference) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(Name = "oforandrad", SupportsGet = true)]
    public bool Unchanged { get; set; }

    public FeedbackReport Report { get; private set; } = null!;

    public string RegionName => reference.RegionsByCode.TryGetValue(Report.RegionCode, out var r) ? r.Name : Report.RegionCode;

    public IActionResult OnGet() => Load() ?? Page();

    public IActionResult OnGetCsv() => Load() ?? File(Downloads.Csv(FeedbackIssueRow.From(Report)), "text/csv; charset=utf-8", $"aterkoppling-{Id}.csv");

    public IActionResult OnGetXlsx() => Load() ?? File(Downloads.Xlsx(FeedbackIssueRow.From(Report), $"aterkoppling-{Id}"), Downloads.XlsxContentType, $"aterkoppling-{Id}.xlsx");

    public IActionResult OnGetJson() => Load() ?? File(System.Text.Encoding.UTF8.GetBytes(Report.ToJson()), "application/json; charset=utf-8", $"aterkoppling-{Id}.json");

    private IActionResult? Load()
    {
        var report = submissions.Feedback(User.ToCaller(), Id);
        // The region in the address must be the submission's: /region/01/aterkoppling/{id of region 03} is not found.
        if (report is null || report.RegionCode != Code)
        {
            return NotFound();
        }
        Report = report;
        return null;
    }

    public static string StatusText(string status) => status switch
    {
        SubmissionStatus.Accepted => "godkänd",
        SubmissionStatus.AcceptedWithWarnings => "godkänd med varningar",
        SubmissionStatus.Withdrawn => "återkallad",
        _ => "avvisad – inget från filen har sparats. Rätta felen och skicka in filen igen.",
    };
}
