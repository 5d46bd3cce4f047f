using System.Security.Claims;
using Svf.Accounts;

namespace Svf.Web.Auth;

/// <summary>The claims the portal puts on a signed-in user (cookie or bearer token); all come from the account in the database.</summary>
public static class PortalClaims
{
    public const string Region = "svf:region";
    public const string Rcc = "svf:rcc";
    public const string DisplayName = "svf:display_name";
    public const string AccountId = "svf:account_id";

    public static ClaimsIdentity Identity(Account account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Username),
            new(ClaimTypes.Name, account.Username),
            new(ClaimTypes.Role, account.Role),
            new(DisplayName, account.DisplayName),
            new(AccountId, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (account.RegionCode is not null)
        {
            claims.Add(new Claim(Region, account.RegionCode));
        }
        if (account.RccCode is not null)
        {
            claims.Add(new Claim(Rcc, account.RccCode));
        }
        return new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role);
    }
}
