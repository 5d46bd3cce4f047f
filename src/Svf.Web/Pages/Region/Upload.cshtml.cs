using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Svf.Application;
using Svf.Domain;
using Svf.ReferenceData;
using Svf.Web.Auth;

namespace Svf.Web.Pages.Region;

/// <summary>
/// The upload page. The file arrives as multipart form data (buffered to a temporary file by the framework above 64 KiB,
/// so memory stays bounded) and is handed to <see cref="SubmissionUseCases.SubmitAsync"/>; the result is the feedback page.
/// </summary>
[EnableRateLimiting(PortalSetup.UploadLimit)]
public sealed class UploadModel(SubmissionUseCases submissions, ReferenceDataSet reference, IOptions<PortalOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Kind { get; set; } = "pathways";

    [BindProperty]
    public string? Period { get; set; }

    public string? Error { get; private set; }

    public string RegionName => reference.RegionsByCode.TryGetValue(Code, out var r) ? r.Name : Code;

    public long MaxBytes => options.Value.MaxUploadBytes;

    public long MaxMegabytes => MaxBytes / (1024 * 1024);

    public IActionResult OnGet()
    {
        // Only someone who may send for the region sees the form (the service decides; a history read is the cheapest check).
        submissions.History(User.ToCaller(), Code);
        Period ??= (DateTime.UtcNow.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            Error = file is null ? "Välj en fil att skicka in." : $"Filen {file.FileName} är tom (0 byte). Inget har sparats.";
            return Page();
        }
        if (!file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !file.FileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
        {
            Error = $"Filen {file.FileName} är ingen CSV-fil. Spara den som \"CSV UTF-8 (kommaavgränsad)\" i Excel och skicka den igen. Inget har sparats.";
            return Page();
        }
        if (!ReportingPeriod.TryParse(Period, out var period))
        {
            Error = $"'{Period}' är ingen period. Skriv till exempel 2025, 2025-H1, 2025-Q3 eller 2025-03.";
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var report = await submissions.SubmitAsync(User.ToCaller(), Kind, Code, period, stream, file.FileName, HttpContext.RequestAborted);
        return Redirect($"/region/{Uri.EscapeDataString(Code)}/aterkoppling/{report.SubmissionId}" + (report.Unchanged ? "?oforandrad=true" : ""));
    }
}
