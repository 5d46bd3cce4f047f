using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using System.Security.Claims;
using Svf.Web.Auth;

namespace Svf.Web.Pages;

[EnableRateLimiting(PortalSetup.LoginLimit)]
public sealed class LoginModel(PasswordSignIn signIn, IOptions<PortalOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(Name = "sessionen", SupportsGet = true)]
    public string? Session { get; set; }

    public bool SessionExpired => Session == "utgangen";

    public string? Error { get; private set; }

    public bool OidcEnabled => options.Value.Oidc.Enabled;

    public string OidcButton => options.Value.Oidc.ButtonText;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = signIn.Check(Username, Password);
        if (account is null)
        {
            Error = "Fel användarnamn eller lösenord.";
            Password = null;
            return Page();
        }
        var principal = new ClaimsPrincipal(PortalClaims.Identity(account, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public IActionResult OnPostOidc() => OidcEnabled
        ? Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, OidcSetup.Scheme)
        : NotFound();
}
