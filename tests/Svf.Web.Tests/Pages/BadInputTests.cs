using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Svf.Storage;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Pages;

/// <summary>Bad input never breaks a page: each case a clear Swedish message and nothing (half-)stored.</summary>
[Collection(PortalCollection.Name)]
public sealed class BadInputTests(PortalFixture portal)
{
    private const string Upload = "/region/01/inrapportera";

    private static async Task<HttpResponseMessage> PostFile(HttpClient c, string fileName, byte[] content, string period = "2026-07", string kind = "pathways")
    {
        var form = await c.GetStringAsync(Upload);
        var body = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent(kind), "kind" },
            { new StringContent(period), "period" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Add(file, "file", fileName);
        return await c.PostAsync(Upload, body);
    }

    private (long Submissions, long Pathways) Stored()
    {
        using var conn = portal.Db.OpenConnection();
        return (Convert.ToInt64(SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM submissions"), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM pathways"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_file_of_the_wrong_type_is_refused_with_a_message_and_nothing_is_stored()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var before = Stored();
        var r = await PostFile(c, "statistik.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await r.Content.ReadAsStringAsync()).ShouldContain("är ingen CSV-fil");
        Stored().ShouldBe(before);
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_a_message_and_nothing_is_stored()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var before = Stored();
        var r = await PostFile(c, "tom.csv", []);
        (await r.Content.ReadAsStringAsync()).ShouldContain("är tom (0 byte). Inget har sparats.");
        Stored().ShouldBe(before);
    }

    [Fact]
    public async Task A_malformed_csv_is_rejected_with_feedback_naming_the_problem_and_no_rows_are_stored()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var good = File.ReadAllLines(TestFiles.Pathways("01", 2026, 8, 10, Path.Combine(portal.DataDir, "bad")));
        good[3] = good[3].Replace(";K;", ";\"K;", StringComparison.Ordinal).Replace(";M;", ";\"M;", StringComparison.Ordinal);
        var before = Stored();
        var r = await PostFile(c, "trasig.csv", Encoding.UTF8.GetBytes(string.Join('\n', good)), "2026-08");
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var feedback = await c.GetStringAsync(r.Headers.Location);
        feedback.ShouldContain("avvisad");
        feedback.ShouldContain("file.malformed");
        Stored().Pathways.ShouldBe(before.Pathways);
    }

    [Fact]
    public async Task The_same_file_sent_twice_is_stored_once_and_the_second_time_says_nothing_changed()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var bytes = File.ReadAllBytes(TestFiles.Pathways("01", 2026, 9, 25, Path.Combine(portal.DataDir, "bad")));
        var first = await PostFile(c, "september.csv", bytes, "2026-09");
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterFirst = Stored();
        var second = await PostFile(c, "september.csv", bytes, "2026-09");
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.Headers.Location!.ToString().ShouldBe(first.Headers.Location + "?oforandrad=true");
        (await c.GetStringAsync(second.Headers.Location)).ShouldContain("Inget ändrades.");
        Stored().ShouldBe(afterFirst);
    }

    [Fact]
    public async Task A_2_GB_upload_is_refused_with_413_and_a_swedish_message_before_it_is_read()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var form = await c.GetStringAsync(Upload);
        var cookies = string.Join("; ", portal.Cookies(c));
        var before = Stored();
        // A raw request declaring 2 GB and sending a few bytes: the server must answer from the declared length alone.
        var (status, body) = await Raw.SendAsync(portal.BaseUrl, $"POST {Upload} HTTP/1.1\r\nHost: {portal.BaseUrl.Authority}\r\nCookie: {cookies}\r\n" +
            $"RequestVerificationToken: {Html.AntiforgeryToken(form)}\r\n" +
            "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 2147483648\r\n\r\n--xyz\r\n");
        status.ShouldBe("HTTP/1.1 413 Payload Too Large", body);
        body.ShouldContain("Filen är för stor. Största tillåtna storlek är 256 MB. Inget har sparats.");
        Stored().ShouldBe(before);
    }

    [Fact]
    public async Task A_large_api_body_over_the_limit_is_refused_with_413_json()
    {
        using var c = await portal.ApiClientAsync("region01");
        var before = Stored();
        var token = c.DefaultRequestHeaders.Authorization!.Parameter;
        var (status, body) = await Raw.SendAsync(portal.BaseUrl, $"POST /api/v1/regions/01/submissions?kind=pathways&period=2026-10 HTTP/1.1\r\nHost: {portal.BaseUrl.Authority}\r\n" +
            $"Authorization: Bearer {token}\r\nContent-Type: text/csv\r\nContent-Length: 2147483648\r\n\r\nregion;personnummer\n");
        status.ShouldBe("HTTP/1.1 413 Payload Too Large", body);
        body.ShouldContain("Filen är för stor");
        Stored().ShouldBe(before);
    }
}

/// <summary>A portal whose clock the test moves, to let a session expire.</summary>
public sealed class MovingClockFixture : PortalFixture
{
    public MovingClock Clock { get; } = new();

    public MovingClockFixture()
    {
        SeedData = false;
        ConfigureServices = s => s.AddSingleton<TimeProvider>(Clock);
    }

    public sealed class MovingClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}

public sealed class ExpiredSessionTests(MovingClockFixture portal) : IClassFixture<MovingClockFixture>
{
    [Fact]
    public async Task An_upload_after_the_session_expired_goes_to_the_sign_in_page_with_a_message_and_stores_nothing()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var form = await c.GetStringAsync("/region/01/inrapportera");
        portal.Clock.Offset = TimeSpan.FromMinutes(31);
        var body = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("pathways"), "kind" },
            { new StringContent("2026-01"), "period" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("region;personnummer\n01;x\n")), "file", "jan.csv" },
        };
        var r = await c.PostAsync("/region/01/inrapportera", body);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.ToString().ShouldContain("/logga-in");
        r.Headers.Location!.ToString().ShouldContain("sessionen=utgangen");
        var login = await c.GetStringAsync(r.Headers.Location);
        login.ShouldContain("Din session har gått ut. Logga in igen.");
        using var conn = portal.Db.OpenConnection();
        SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM submissions").ShouldBe(0L);
    }
}
