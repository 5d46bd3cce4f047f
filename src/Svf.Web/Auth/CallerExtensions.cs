using System.Security.Claims;
using Svf.Application;

namespace Svf.Web.Auth;

/// <summary>The one place a signed-in user becomes the use-case services' <see cref="Caller"/>; every rule is then theirs.</summary>
public static class CallerExtensions
{
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        var name = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        if (name is null || !Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role))
        {
            throw new UnauthorizedAccessException("Inloggning krävs.");
        }
        return new Caller(name, role, user.FindFirstValue(PortalClaims.Region), user.FindFirstValue(PortalClaims.Rcc));
    }

    public static Caller Caller(this HttpContext ctx) => ctx.User.ToCaller();
}
