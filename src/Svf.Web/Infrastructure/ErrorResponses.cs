using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Svf.Application;

namespace Svf.Web.Infrastructure;

/// <summary>
/// Turns every failure into a clear Swedish message with the right status: JSON {"error", "message"} under /api, a small
/// accessible HTML page elsewhere. Unexpected errors are logged and shown without internals.
/// </summary>
public static class ErrorResponses
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static int StatusFor(Exception ex) => ex switch
    {
        AccessDeniedException => StatusCodes.Status403Forbidden,
        UnauthorizedAccessException => StatusCodes.Status403Forbidden,
        KeyNotFoundException => StatusCodes.Status404NotFound,
        BadHttpRequestException b => b.StatusCode,
        AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        ArgumentException or InvalidDataException or FormatException or System.Text.Json.JsonException => StatusCodes.Status400BadRequest,
        // e.g. a decision already locked: the request is valid but conflicts with the state.
        InvalidOperationException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string MessageFor(HttpContext ctx, Exception ex, int status)
    {
        var max = ctx.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.MaxUploadBytes;
        return ex switch
        {
            BadHttpRequestException { StatusCode: 413 } => TooLarge(max),
            BadHttpRequestException => "Begäran kunde inte läsas (avbruten eller felaktig överföring). Inget har sparats. Försök igen.",
            AntiforgeryValidationException => "Formuläret har gått ut eller skickats två gånger. Ladda om sidan och försök igen. Inget har sparats.",
            _ when status == StatusCodes.Status500InternalServerError => "Ett oväntat fel inträffade. Inget har sparats. Försök igen, eller kontakta Socialstyrelsen om felet kvarstår.",
            _ => ex.Message,
        };
    }

    public static string TooLarge(long max) => max >= 1024 * 1024
        ? $"Filen är för stor. Största tillåtna storlek är {max / (1024 * 1024)} MB. Inget har sparats. Dela upp filen (t.ex. per halvår) och skicka delarna var för sig."
        : $"Begäran är för stor (högst {max / 1024} kB). Inget har sparats.";

    public static async Task HandleException(HttpContext ctx)
    {
        var ex = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (ex is null)
        {
            return;
        }
        var status = StatusFor(ex);
        if (status >= 500)
        {
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Svf.Web").LogError(ex, "Unhandled error on {Path}", ctx.Request.Path);
        }
        await WriteAsync(ctx, status, MessageFor(ctx, ex, status));
    }

    public static async Task WriteAsync(HttpContext ctx, int status, string message)
    {
        if (ctx.Response.HasStarted)
        {
            return;
        }
        ctx.Response.StatusCode = status;
        if (IsApi(ctx.Request))
        {
            await ctx.Response.WriteAsJsonAsync(new { error = Code(status), message });
            return;
        }
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(Page(Title(status), message));
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static string Title(int status) => status switch
    {
        400 => "Uppgifterna kunde inte tas emot",
        401 => "Inloggning krävs",
        403 => "Åtkomst nekad",
        404 => "Sidan finns inte",
        409 => "Kan inte genomföras",
        413 => "Filen är för stor",
        429 => "För många försök",
        _ => "Något gick fel",
    };

    private static string Code(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        413 => "too_large",
        429 => "too_many_requests",
        _ => "internal_error",
    };

    /// <summary>A stand-alone page (no layout: the pipeline may be half-way through a request).</summary>
    private static string Page(string title, string message) => $$"""
        <!DOCTYPE html>
        <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encoder.Encode(title)}} – SVF-uppföljning</title><link rel="stylesheet" href="/site.css"></head>
        <body><main id="main"><h1>{{Encoder.Encode(title)}}</h1>
        <p class="message error" role="alert">{{Encoder.Encode(message)}}</p>
        <p><a href="/">Till startsidan</a></p></main></body></html>
        """;
}
