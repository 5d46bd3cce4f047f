using System.Net;

namespace Svf.Web.Tests.Support;

/// <summary>An HttpClient signed in through the sign-in page (cookie session), as a browser is.</summary>
internal static class PageSession
{
    public static async Task<HttpClient> SignInAsync(PortalFixture portal, string username)
    {
        var c = portal.Client();
        var form = await c.GetStringAsync("/logga-in");
        var r = await c.PostAsync("/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = PortalFixture.PasswordOf(username),
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
        }));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in of {username}");
        return c;
    }
}
