using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Svf.Web.Infrastructure;

/// <summary>
/// Request size limits (docs/portal.md): uploads (the upload page's POST and the API's POST of a submission) may be up to
/// Portal:MaxUploadBytes, every other request up to Portal:MaxRequestBytes. A larger request is refused with 413 as soon as
/// its declared length is seen, before anything is read or stored.
/// </summary>
public sealed class RequestLimits(RequestDelegate next, IOptions<PortalOptions> options)
{
    public Task InvokeAsync(HttpContext ctx)
    {
        var max = IsUpload(ctx.Request) ? options.Value.MaxUploadBytes : options.Value.MaxRequestBytes;
        if (ctx.Request.ContentLength > max)
        {
            // Refused from the declared length: not a byte of the body is read (form binding would otherwise swallow the error).
            return ErrorResponses.WriteAsync(ctx, StatusCodes.Status413PayloadTooLarge, ErrorResponses.TooLarge(max));
        }
        var feature = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = max;
        }
        return next(ctx);
    }

    public static bool IsUpload(HttpRequest r)
    {
        if (!HttpMethods.IsPost(r.Method))
        {
            return false;
        }
        var segments = r.Path.Value?.Trim('/').Split('/') ?? [];
        // /api/v1/regions/{code}/submissions and /region/{code}/inrapportera
        return segments is ["api", "v1", "regions", _, "submissions"] or ["region", _, "inrapportera"];
    }
}
