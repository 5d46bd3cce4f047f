using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Svf.Accounts;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Api;

/// <summary>The fixed contract outside checks use (docs/portal.md): health, OpenAPI, token.</summary>
[Collection(PortalCollection.Name)]
public sealed class ContractTests(PortalFixture portal)
{
    [Fact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        using var c = portal.Client();
        var r = await c.GetAsync("/healthz");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await r.Content.ReadAsStringAsync()).ShouldBe("ok");
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api_under_v1()
    {
        using var c = portal.Client();
        var r = await c.GetAsync("/openapi/v1.json");
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/token");
        paths.ShouldContain("/api/v1/regions/{code}/submissions");
        paths.ShouldAllBe(p => p.StartsWith("/api/v1/"));
    }

    [Fact]
    public async Task Token_for_a_right_password_is_a_bearer_token_stored_only_as_its_hash()
    {
        using var c = portal.Client();
        var r = await c.PostAsJsonAsync("/api/v1/token", new { username = "region01", password = PortalFixture.PasswordOf("region01") });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var token = doc.RootElement.GetProperty("access_token").GetString()!;
        token.Length.ShouldBeGreaterThanOrEqualTo(43);
        doc.RootElement.GetProperty("token_type").GetString().ShouldBe("Bearer");

        using var conn = portal.Db.OpenConnection();
        Svf.Storage.SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM api_tokens WHERE token_sha256 = @t", ("t", token)).ShouldBe(0L);
        Svf.Storage.SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM api_tokens WHERE token_sha256 = @t", ("t", AccountStore.TokenHash(token))).ShouldBe(1L);
        var stored = (string)Svf.Storage.SvfDatabase.Scalar(conn, null, "SELECT password_hash FROM accounts WHERE username = 'region01'")!;
        stored.ShouldNotContain(PortalFixture.PasswordOf("region01"));
    }

    [Theory]
    [InlineData("region01", "fel-lösenord")]
    [InlineData("finns-inte", "vad-som-helst")]
    [InlineData("", "")]
    public async Task Token_for_a_wrong_password_or_unknown_user_is_refused_with_401(string username, string password)
    {
        using var c = portal.Client();
        var r = await c.PostAsJsonAsync("/api/v1/token", new { username, password });
        r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Fel användarnamn eller lösenord");
    }

    [Fact]
    public async Task A_made_up_bearer_token_gets_401()
    {
        using var c = portal.Client();
        c.DefaultRequestHeaders.Authorization = new("Bearer", "pahittad-token-0123456789");
        var r = await c.GetAsync("/api/v1/regions/01/submissions");
        r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Pages_without_a_session_redirect_to_the_sign_in_page()
    {
        using var c = portal.Client();
        var r = await c.GetAsync("/");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/logga-in");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_session_cookies_are_http_only()
    {
        using var c = portal.Client();
        var login = await c.GetAsync("/logga-in");
        login.Headers.GetValues("X-Frame-Options").ShouldContain("DENY");
        login.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
        var html = await login.Content.ReadAsStringAsync();
        var token = Html.AntiforgeryToken(html);
        var post = await c.PostAsync("/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "analytiker", ["password"] = PortalFixture.PasswordOf("analytiker"), ["__RequestVerificationToken"] = token,
        }));
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = post.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith("svf.session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=lax");
    }
}

/// <summary>The same app without demo mode: no demo account exists.</summary>
public sealed class NoDemoFixture : PortalFixture
{
    public NoDemoFixture()
    {
        Settings["Portal:Demo"] = "false";
        SeedData = false;
    }
}

public sealed class DemoModeTests(NoDemoFixture portal) : IClassFixture<NoDemoFixture>
{
    [Fact]
    public async Task Demo_accounts_exist_only_in_demo_mode()
    {
        AccountStore.List(portal.Db).ShouldBeEmpty();
        using var c = portal.Client();
        var r = await c.PostAsJsonAsync("/api/v1/token", new { username = "region01", password = PortalFixture.PasswordOf("region01") });
        r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
