using System.IO.Pipelines;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Svf.Application;
using Svf.Domain;
using Svf.ReferenceData;
using Svf.Web.Auth;
using Svf.Web.Infrastructure;

namespace Svf.Web.Pages.Region;

/// <summary>
/// The upload page. The multipart body is read section by section (<see cref="MultipartReader"/>) and the file section is
/// streamed straight into <see cref="SubmissionUseCases.SubmitAsync"/>: the framework never buffers the form (the service
/// copies the stream once to a temporary file to hash it before storing, as for the API). The
/// form's fields come first in the body (the antiforgery token, the kind, the period); the antiforgery token is validated
/// (from the RequestVerificationToken header, or the form's token field, which the page puts first) before a byte of the
/// file is read. The result is the feedback page.
/// </summary>
[EnableRateLimiting(PortalSetup.UploadLimit)]
[IgnoreAntiforgeryToken] // validated in OnPostAsync, from the header or the field before the file, without reading the whole form
[DisableFormValueModelBinding]
public sealed class UploadModel(SubmissionUseCases submissions, ReferenceDataSet reference, IOptions<PortalOptions> options,
    IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, TimeProvider clock) : PageModel
{
    /// <summary>The name of the form's antiforgery field.</summary>
    public const string TokenField = "__RequestVerificationToken";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public string Kind { get; set; } = "pathways";

    public string? Period { get; set; }

    public string? Error { get; private set; }

    public string RegionName => reference.RegionsByCode.TryGetValue(Code, out var r) ? r.Name : Code;

    public long MaxBytes => options.Value.MaxUploadBytes;

    public long MaxMegabytes => MaxBytes / (1024 * 1024);

    public IActionResult OnGet()
    {
        // Only someone who may send for the region sees the form (the service decides; a history read is the cheapest check).
        submissions.History(User.ToCaller(), Code);
        Period ??= (Svf.Domain.SwedishTime.Today(clock).Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
            return Refuse("Välj en fil att skicka in.");
        }
        var reader = new MultipartReader(boundary, Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            if (!disposition.IsFileDisposition())
            {
                await ReadField(disposition.Name.Value, section);
                continue;
            }
            // The file: nothing of it is read before the token is checked.
            await ValidateAntiforgery();
            return await Receive(HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value ?? "", section.Body, ct);
        }
        await ValidateAntiforgery();
        return Refuse("Välj en fil att skicka in.");
    }

    private async Task ReadField(string? name, MultipartSection section)
    {
        // Form fields are short; a long one is cut off rather than read into memory.
        using var text = new StreamReader(section.Body);
        var buffer = new char[4096];
        var length = await text.ReadBlockAsync(buffer, HttpContext.RequestAborted);
        var value = new string(buffer, 0, length);
        switch (name)
        {
            case TokenField:
                _fieldToken = value;
                break;
            case "kind":
                Kind = value;
                break;
            case "period":
                Period = value;
                break;
        }
    }

    private string? _fieldToken;

    /// <summary>Checks the antiforgery token of the header, or of the form's field if no header came, against the cookie's.</summary>
    private Task ValidateAntiforgery()
    {
        var header = antiforgeryOptions.Value.HeaderName!;
        if (!Request.Headers.ContainsKey(header) && _fieldToken is not null)
        {
            // The antiforgery service reads the header before it would read the form, so the field read above is checked as it is.
            Request.Headers[header] = _fieldToken;
        }
        return antiforgery.ValidateRequestAsync(HttpContext);
    }

    private async Task<IActionResult> Receive(string fileName, Stream body, CancellationToken ct)
    {
        if (!fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"Filen {fileName} är ingen CSV-fil. Spara den som \"CSV UTF-8 (kommaavgränsad)\" i Excel och skicka den igen. Inget har sparats.");
        }
        if (!ReportingPeriod.TryParse(Period, out var period))
        {
            return Refuse($"'{Period}' är ingen period. Skriv till exempel 2025, 2025-H1, 2025-Q3 eller 2025-03.");
        }
        // Look at the first bytes without consuming them: an empty file gets its own message.
        var pipe = PipeReader.Create(body);
        var first = await pipe.ReadAsync(ct);
        if (first.Buffer.IsEmpty && first.IsCompleted)
        {
            return Refuse($"Filen {fileName} är tom (0 byte). Inget har sparats.");
        }
        pipe.AdvanceTo(first.Buffer.Start);
        await using var stream = pipe.AsStream();
        var report = await submissions.SubmitAsync(User.ToCaller(), Kind, Code, period, stream, fileName, ct);
        return Redirect($"/region/{Uri.EscapeDataString(Code)}/aterkoppling/{report.SubmissionId}" + (report.Unchanged ? "?oforandrad=true" : ""));
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        return Page();
    }
}
