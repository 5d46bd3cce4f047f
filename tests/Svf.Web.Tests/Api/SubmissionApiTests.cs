using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Svf.Storage;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Api;

/// <summary>POST and GET of a region's submissions over the API, as a region's own system uses them.</summary>
[Collection(PortalCollection.Name)]
public sealed class SubmissionApiTests(PortalFixture portal)
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_region_posts_a_csv_and_gets_the_feedback_json_then_sees_it_in_its_history()
    {
        using var c = await portal.ApiClientAsync("region01");
        var file = TestFiles.Pathways("01", 2026, 2, 120, Path.Combine(portal.DataDir, "api"));
        var response = await c.PostAsync("/api/v1/regions/01/submissions?kind=pathways&period=2026-02", new StreamContent(File.OpenRead(file))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("text/csv") },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var feedback = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = feedback.RootElement;
        root.GetProperty("status").GetString().ShouldBeOneOf("accepted", "accepted_with_warnings");
        root.GetProperty("region_code").GetString().ShouldBe("01");
        root.GetProperty("period").GetString().ShouldBe("2026-02");
        root.GetProperty("rows_read").GetInt32().ShouldBe(120);
        root.GetProperty("rows_stored").GetInt32().ShouldBe(120);
        var id = root.GetProperty("submission_id").GetInt64();

        var history = await c.GetAsync("/api/v1/regions/01/submissions");
        history.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var list = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        var mine = list.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        mine.GetProperty("is_current").GetBoolean().ShouldBeTrue();
        mine.GetProperty("received_by").GetString().ShouldBe("region01");
        list.RootElement.EnumerateArray().ShouldAllBe(e => e.GetProperty("region_code").GetString() == "01");
    }

    [Fact]
    public async Task A_file_with_errors_is_rejected_with_row_and_field_and_nothing_of_it_is_stored()
    {
        using var c = await portal.ApiClientAsync("region01");
        var lines = File.ReadAllLines(TestFiles.Pathways("01", 2026, 3, 30, Path.Combine(portal.DataDir, "api")));
        var fields = lines[2].Split(';');
        fields[4] = "BROSTCANCER";
        lines[2] = string.Join(';', fields);
        var before = PathwayRows();
        var response = await c.PostAsync("/api/v1/regions/01/submissions?kind=pathways&period=2026-03", Csv(string.Join('\n', lines)));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var feedback = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        feedback.RootElement.GetProperty("status").GetString().ShouldBe("rejected");
        feedback.RootElement.GetProperty("rows_stored").GetInt32().ShouldBe(0);
        var issue = feedback.RootElement.GetProperty("issues").EnumerateArray().First(i => i.GetProperty("severity").GetString() == "Error");
        issue.GetProperty("row").GetInt32().ShouldBe(3);
        issue.GetProperty("field").GetString().ShouldBe("svf");
        PathwayRows().ShouldBe(before);
    }

    [Fact]
    public async Task Feedback_can_be_read_as_json_and_its_issues_as_csv()
    {
        using var c = await portal.ApiClientAsync("region01");
        var response = await c.PostAsync("/api/v1/regions/01/submissions?kind=pathways&period=2026-04", Csv("region;personnummer\n01;x\n"));
        using var feedback = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = feedback.RootElement.GetProperty("submission_id").GetInt64();
        var csv = await c.GetStringAsync($"/api/v1/submissions/{id}/feedback?format=csv");
        csv.Split('\n')[0].ShouldBe("submission_id;file_name;severity;code;row;field;message");
        csv.ShouldContain("header.missing_column");
    }

    [Fact]
    public async Task Period_and_kind_are_checked_with_a_swedish_message()
    {
        using var c = await portal.ApiClientAsync("region01");
        var r = await c.PostAsync("/api/v1/regions/01/submissions?kind=pathways&period=förra-året", Csv("x"));
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await r.Content.ReadAsStringAsync()).ShouldContain("är ingen period");
        var k = await c.PostAsync("/api/v1/regions/01/submissions?kind=bilder&period=2026", Csv("x"));
        k.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await k.Content.ReadAsStringAsync()).ShouldContain("Okänd typ av inrapportering");
    }

    private long PathwayRows()
    {
        using var conn = portal.Db.OpenConnection();
        return Convert.ToInt64(SvfDatabase.Scalar(conn, null, "SELECT COUNT(*) FROM pathways"), System.Globalization.CultureInfo.InvariantCulture);
    }
}
