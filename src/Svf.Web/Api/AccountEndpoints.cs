using Svf.Application;
using Svf.Web.Auth;

namespace Svf.Web.Api;

/// <summary>Accounts and API tokens (administrators). Passwords are hashed here, by the host, before they reach the service.</summary>
public static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", (HttpContext ctx, AccountUseCases accounts) =>
            Results.Json(accounts.List(ctx.Caller()).Select(a => new { a.Id, a.Username, a.DisplayName, a.Role, a.RegionCode, a.RccCode, a.IsActive, HasPassword = a.PasswordHash is not null }), ApiJson.Options))
            .WithSummary("Every account (administrators). Never a password or hash.");
        api.MapPost("/accounts", (CreateRequest r, HttpContext ctx, AccountUseCases accounts) =>
        {
            var a = accounts.Create(ctx.Caller(), new NewAccount(r.Username ?? "", r.DisplayName ?? "", PasswordSignIn.HashIfGiven(r.Password),
                r.Role ?? "", r.RegionCode, r.RccCode, r.ExternalSubject));
            return Results.Json(new { a.Id, a.Username, a.Role, a.RegionCode, a.RccCode }, ApiJson.Options, statusCode: StatusCodes.Status201Created);
        }).DisableAntiforgery().WithSummary("Create an account (administrators).");
        api.MapPost("/accounts/{id:long}/tokens", (long id, TokenRequest r, HttpContext ctx, AccountUseCases accounts) =>
            Results.Json(new { access_token = accounts.IssueToken(ctx.Caller(), id, r.Label ?? "", TimeSpan.FromDays(r.Days ?? 365)) }, ApiJson.Options))
            .DisableAntiforgery().WithSummary("Issue a long-lived token for an account, e.g. a region's own system (administrators). Shown once.");
    }

    public sealed record CreateRequest(string? Username, string? DisplayName, string? Password, string? Role, string? RegionCode, string? RccCode, string? ExternalSubject);

    public sealed record TokenRequest(string? Label, int? Days);
}
