using Microsoft.Extensions.Options;
using Svf.Accounts;
using Svf.Storage;
using Svf.Web.Auth;

namespace Svf.Web.Api;

/// <summary>POST /api/v1/token {"username", "password"} → {"access_token", "token_type", "expires_in"}; rate limited per client address.</summary>
public static class TokenEndpoint
{
    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

    public static IResult Issue(TokenRequest? request, PasswordSignIn signIn, SvfDatabase db, TimeProvider clock, IOptions<PortalOptions> options)
    {
        var account = signIn.Check(request?.Username, request?.Password);
        if (account is null)
        {
            return Results.Json(new { error = "invalid_grant", message = "Fel användarnamn eller lösenord." }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var lifetime = TimeSpan.FromHours(options.Value.TokenHours);
        var token = AccountStore.IssueToken(db, account.Id, "POST /api/v1/token", lifetime, account.Username, clock);
        return Results.Json(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds), ApiJson.Options);
    }
}
