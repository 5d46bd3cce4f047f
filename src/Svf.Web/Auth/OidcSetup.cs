using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Svf.Accounts;
using Svf.Storage;

namespace Svf.Web.Auth;

/// <summary>
/// OpenID Connect sign-in (Portal:Oidc, off by default): authorization code flow with PKCE against the configured
/// provider. After the provider has authenticated the user, the "sub" claim must match an active account's external
/// subject; the session then carries that account's role and region, exactly as for a password sign-in.
/// </summary>
public static class OidcSetup
{
    public const string Scheme = "oidc";

    public static void Add(IServiceCollection services, OidcOptions oidc)
    {
        if (string.IsNullOrWhiteSpace(oidc.Authority) || string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            throw new InvalidOperationException("Portal:Oidc:Enabled is true but Portal:Oidc:Authority or Portal:Oidc:ClientId is missing.");
        }
        services.AddAuthentication().AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.CallbackPath = oidc.CallbackPath;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SaveTokens = false;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = ctx =>
                {
                    var sub = ctx.Principal?.FindFirstValue("sub") ?? ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                    var db = ctx.HttpContext.RequestServices.GetRequiredService<SvfDatabase>();
                    var account = sub is null ? null : AccountStore.FindByExternalSubject(db, sub);
                    if (account is null || !account.IsActive)
                    {
                        AuditLog.Write(db, sub ?? "?", "login.failed", null, null, "oidc: no active account for this subject");
                        ctx.Fail("Inget aktivt konto är kopplat till din e-legitimation. Kontakta Socialstyrelsens kontoadministratör.");
                        return Task.CompletedTask;
                    }
                    AuditLog.Write(db, account.Username, "login", account.RegionCode, null, "oidc");
                    ctx.Principal = new ClaimsPrincipal(PortalClaims.Identity(account, CookieAuthenticationDefaults.AuthenticationScheme));
                    return Task.CompletedTask;
                },
            };
        });
    }
}
