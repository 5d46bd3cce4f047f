using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Svf.Accounts;
using Svf.Storage;

namespace Svf.Web.Auth;

/// <summary>
/// API clients (a region's own system, scripts) send "Authorization: Bearer TOKEN". The token is looked up by its SHA-256
/// in the database; an unknown, expired or revoked token, or one of a deactivated account, is refused with 401.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SvfDatabase db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var account = AccountStore.FindByToken(db, header["Bearer ".Length..].Trim(), clock.GetUtcNow().UtcDateTime);
        if (account is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Okänd, utgången eller återkallad token."));
        }
        var principal = new ClaimsPrincipal(PortalClaims.Identity(account, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new { error = "unauthorized", message = "Inloggning krävs: skicka en giltig token i Authorization: Bearer." });
    }
}
