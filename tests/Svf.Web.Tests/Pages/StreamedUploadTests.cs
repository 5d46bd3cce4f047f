using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Svf.Storage;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Pages;

/// <summary>
/// A portal whose framework form reading is limited to 8 KiB: any upload that went through the framework's form (buffering
/// the file) fails there, so a larger file that is received proves the page streams it.
/// </summary>
public sealed class TinyFormLimitFixture : PortalFixture
{
    public TinyFormLimitFixture()
    {
        SeedData = false;
        ConfigureServices = s => s.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = 8 * 1024;
            f.MemoryBufferThreshold = 1024;
        });
    }
}

/// <summary>The upload page streams the file from the multipart body to the validator, after checking the antiforgery token.</summary>
public sealed class StreamedUploadTests(TinyFormLimitFixture portal) : IClassFixture<TinyFormLimitFixture>
{
    private const string Upload = "/region/01/inrapportera";

    private static ByteArrayContent FilePart(byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return file;
    }

    private long Submissions()
    {
        using var conn = portal.Db.OpenConnection();
        return Convert.ToInt64(SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM submissions"), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_file_far_larger_than_the_framework_form_limit_is_received_through_the_page()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var form = await c.GetStringAsync(Upload);
        var bytes = File.ReadAllBytes(TestFiles.Pathways("01", 2026, 1, 1500, Path.Combine(portal.DataDir, "stream")));
        bytes.Length.ShouldBeGreaterThan(100 * 1024);
        var body = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent("pathways"), "kind" },
            { new StringContent("2026-01"), "period" },
        };
        body.Add(FilePart(bytes), "file", "januari.csv");

        var r = await c.PostAsync(Upload, body);

        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        using var conn = portal.Db.OpenConnection();
        SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM pathways p JOIN submissions s ON s.id = p.submission_id WHERE s.period = '2026-01' AND s.is_current = 1")
            .ShouldBe(1500L);
    }

    [Fact]
    public async Task A_file_sent_before_the_token_without_the_header_is_refused_and_nothing_is_read_or_stored()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var form = await c.GetStringAsync(Upload);
        var before = Submissions();
        var body = new MultipartFormDataContent
        {
            { new StringContent("pathways"), "kind" },
            { new StringContent("2026-02"), "period" },
        };
        body.Add(FilePart(File.ReadAllBytes(TestFiles.Pathways("01", 2026, 2, 20, Path.Combine(portal.DataDir, "stream")))), "file", "februari.csv");
        body.Add(new StringContent(Html.AntiforgeryToken(form)), "__RequestVerificationToken");

        var r = await c.PostAsync(Upload, body);

        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Formuläret har gått ut eller skickats två gånger");
        Submissions().ShouldBe(before);
    }

    [Fact]
    public async Task The_token_in_the_header_is_enough_as_the_page_script_sends_it()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        var form = await c.GetStringAsync(Upload);
        var body = new MultipartFormDataContent
        {
            { new StringContent("pathways"), "kind" },
            { new StringContent("2026-03"), "period" },
        };
        body.Add(FilePart(File.ReadAllBytes(TestFiles.Pathways("01", 2026, 3, 20, Path.Combine(portal.DataDir, "stream")))), "file", "mars.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, Upload) { Content = body };
        request.Headers.Add("RequestVerificationToken", Html.AntiforgeryToken(form));

        var r = await c.SendAsync(request);

        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        r.Headers.Location!.ToString().ShouldStartWith("/region/01/aterkoppling/");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_before_the_file_is_read()
    {
        using var c = await PageSession.SignInAsync(portal, "region01");
        await c.GetStringAsync(Upload);
        var before = Submissions();
        var body = new MultipartFormDataContent
        {
            { new StringContent("CfDJ8-inte-en-riktig-token"), "__RequestVerificationToken" },
            { new StringContent("pathways"), "kind" },
            { new StringContent("2026-04"), "period" },
        };
        body.Add(FilePart(File.ReadAllBytes(TestFiles.Pathways("01", 2026, 4, 20, Path.Combine(portal.DataDir, "stream")))), "file", "april.csv");

        var r = await c.PostAsync(Upload, body);

        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Submissions().ShouldBe(before);
    }
}
