using System.Security.Claims;
using Svf.Web.Auth;

namespace Svf.Web.Pages;

/// <summary>The menu for a signed-in user. Only what the role can use is shown; the services refuse the rest anyway.</summary>
public static class Navigation
{
    public sealed record Item(string Text, string Href);

    public static IReadOnlyList<Item> For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return [];
        }
        var role = user.FindFirstValue(ClaimTypes.Role);
        var region = user.FindFirstValue(PortalClaims.Region);
        return role switch
        {
            "RegionReporter" when region is not null =>
            [
                new("Start", "/"),
                new("Skicka in fil", $"/region/{region}/inrapportera"),
                new("Historik", $"/region/{region}/historik"),
                new("Redovisning", $"/region/{region}/redovisning"),
                new("Indikatorer", $"/region/{region}/indikatorer"),
                new("Prognos", $"/region/{region}/prognos"),
            ],
            "RccCoordinator" => [new("Start", "/"), new("Rapporteringsstatus", "/nationellt/status"), new("Indikatorer", "/nationellt/indikatorer")],
            "NationalAnalyst" =>
            [
                new("Start", "/"),
                new("Rapporteringsstatus", "/nationellt/status"),
                new("Indikatorer", "/nationellt/indikatorer"),
                new("Bedömning", "/nationellt/bedomning"),
                new("Scenario", "/nationellt/scenario"),
            ],
            "MinistryViewer" => [new("Start", "/"), new("Indikatorer", "/nationellt/indikatorer"), new("Bedömning", "/nationellt/bedomning")],
            "Administrator" => [new("Start", "/"), new("Konton", "/admin/konton")],
            _ => [new("Start", "/")],
        };
    }
}
