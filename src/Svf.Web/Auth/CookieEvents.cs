using Microsoft.AspNetCore.Authentication.Cookies;
using Svf.Web.Infrastructure;

namespace Svf.Web.Auth;

/// <summary>
/// API requests get 401/403 (never a redirect to the sign-in page). A page request whose session cookie is there but no
/// longer valid (expired) goes to the sign-in page with a message that the session has ended.
/// </summary>
public static class CookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnRedirectToLogin = ctx =>
        {
            if (ErrorResponses.IsApi(ctx.Request))
            {
                return ErrorResponses.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized,
                    "Inloggning krävs: hämta en token med POST /api/v1/token och skicka den i Authorization: Bearer.");
            }
            var expired = ctx.Request.Cookies.ContainsKey(PortalSetup.SessionCookie);
            ctx.Response.Redirect(ctx.RedirectUri + (expired ? "&sessionen=utgangen" : ""));
            return Task.CompletedTask;
        },
        OnRedirectToAccessDenied = ctx =>
        {
            if (ErrorResponses.IsApi(ctx.Request))
            {
                return ErrorResponses.WriteAsync(ctx.HttpContext, StatusCodes.Status403Forbidden, "Din roll får inte göra detta.");
            }
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        },
    };
}
