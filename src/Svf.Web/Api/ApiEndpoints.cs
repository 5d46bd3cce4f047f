using Svf.Web.Auth;

namespace Svf.Web.Api;

/// <summary>The HTTP API under /api/v1 (docs/portal.md, /openapi/v1.json). Each endpoint calls a use-case service with the caller.</summary>
public static class ApiEndpoints
{
    public static void MapPortalApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("SVF");
        api.MapPost("/token", TokenEndpoint.Issue).AllowAnonymous().RequireRateLimiting(PortalSetup.LoginLimit).DisableAntiforgery()
            .WithSummary("A bearer token for {\"username\", \"password\"}: send it as Authorization: Bearer TOKEN.");
        SubmissionEndpoints.Map(api);
        DataEndpoints.Map(api);
        AccountEndpoints.Map(api);
    }
}
