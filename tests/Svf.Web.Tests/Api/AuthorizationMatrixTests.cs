using System.Net;
using System.Text;
using Svf.Ingestion;
using Svf.Storage;
using Svf.Web.Tests.Support;

namespace Svf.Web.Tests.Api;

/// <summary>
/// Every role × every API endpoint, the negative cells included. Region 01 is region01's own (in RCC Stockholm-Gotland); region 04
/// is another region, in RCC Mellansverige (rcc-mellansverige's). Calls that would change data are made so they change nothing
/// lasting (a withdrawal without a reason, a file with no rows, a draft) or only for region 01.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AuthorizationMatrixTests(PortalFixture portal)
{
    public const string Reporter = "region01";
    public const string Rcc = "rcc-mellansverige";
    public const string Analyst = "analytiker";
    public const string Ministry = "departementet";
    public const string Admin = "admin";

    public static readonly string[] Users = [Reporter, Rcc, Analyst, Ministry, Admin];

    /// <summary>Expected: let through (any answer but 401/403), where the outcome depends on the data (e.g. a lock that may find nothing to lock).</summary>
    public const int Allowed = 0;

    /// <summary>(method, path, body, expected status for region01, rcc, analyst, ministry, admin). {S01}/{S04}: a current submission of that region.</summary>
    public static readonly (string Method, string Path, string? Body, int[] Expected)[] Cells =
    [
        ("GET", "/api/v1/regions/01/submissions", null, [200, 403, 200, 403, 403]),
        ("GET", "/api/v1/regions/04/submissions", null, [403, 200, 200, 403, 403]),
        ("GET", "/api/v1/regions/04/submissions?format=csv", null, [403, 200, 200, 403, 403]),
        ("POST", "/api/v1/regions/01/submissions?kind=pathways&period=2026-06", "", [200, 403, 200, 403, 403]),
        ("POST", "/api/v1/regions/04/submissions?kind=pathways&period=2026-06", "", [403, 403, 200, 403, 403]),
        ("POST", "/api/v1/regions/04/submissions?kind=new_cases&period=2026", "", [403, 403, 200, 403, 403]),
        ("GET", "/api/v1/submissions/{S01}/feedback", null, [200, 403, 200, 403, 403]),
        ("GET", "/api/v1/submissions/{S04}/feedback", null, [403, 200, 200, 403, 403]),
        ("GET", "/api/v1/submissions/{S04}/feedback?format=csv", null, [403, 200, 200, 403, 403]),
        ("POST", "/api/v1/submissions/{S01}/withdraw", "{}", [400, 403, 400, 403, 403]),
        ("POST", "/api/v1/submissions/{S04}/withdraw", "{}", [403, 403, 400, 403, 403]),
        ("GET", "/api/v1/regions/01/pathways", null, [200, 403, 403, 403, 403]),
        ("GET", "/api/v1/regions/01/pathways?purpose=granskning%20av%20inrapportering", null, [200, 403, 200, 403, 403]),
        ("GET", "/api/v1/regions/04/pathways", null, [403, 403, 403, 403, 403]),
        ("GET", "/api/v1/regions/04/pathways?purpose=granskning", null, [403, 403, 200, 403, 403]),
        ("GET", "/api/v1/regions/01/early-warning?as_of=2025-06-30", null, [200, 403, 200, 403, 403]),
        ("GET", "/api/v1/regions/04/early-warning?as_of=2025-06-30", null, [403, 200, 200, 403, 403]),
        ("GET", "/api/v1/regions/01/reports/2025", null, [200, 403, 200, 403, 403]),
        ("GET", "/api/v1/regions/04/reports/2025", null, [403, 200, 200, 403, 403]),
        ("PUT", "/api/v1/regions/01/reports/2025", """{"region":"01","year":2025}""", [200, 403, 200, 403, 403]),
        ("PUT", "/api/v1/regions/04/reports/2025?submit=true", """{"region":"04","year":2025,"svf_status":[{"svf":"NOPE"}]}""", [403, 403, 400, 403, 403]),
        ("GET", "/api/v1/indicators?period_kind=year&within=2025&unit=01", null, [200, 403, 200, 200, 403]),
        ("GET", "/api/v1/indicators?period_kind=year&within=2025&unit=04", null, [403, 200, 200, 200, 403]),
        ("GET", "/api/v1/indicators?period_kind=year&within=2025&unit=Mellansverige", null, [403, 200, 200, 200, 403]),
        ("GET", "/api/v1/indicators?period_kind=year&within=2025&unit=SE&format=csv", null, [200, 200, 200, 200, 403]),
        ("GET", "/api/v1/reporting-status/2025", null, [200, 200, 200, 403, 403]),
        ("GET", "/api/v1/assessments/2025", null, [403, 403, 200, 200, 403]),
        ("GET", "/api/v1/assessments/2025/allocation?format=csv", null, [403, 403, 200, 200, 403]),
        ("GET", "/api/v1/assessments/2025/deviations", null, [403, 403, 200, 200, 403]),
        ("POST", "/api/v1/assessments/2025/run", "", [403, 403, 200, 403, 403]),
        ("POST", "/api/v1/assessments/2024/lock", "", [403, 403, Allowed, 403, 403]),
        ("POST", "/api/v1/assessments/2025/what-if", """{"inclusion_threshold":0.65}""", [403, 403, 200, 403, 403]),
        ("GET", "/api/v1/accounts", null, [403, 403, 403, 403, 200]),
        ("POST", "/api/v1/accounts", """{"username":"x","role":"Nope"}""", [403, 403, 403, 403, 400]),
        ("POST", "/api/v1/accounts/999999/tokens", "{}", [403, 403, 403, 403, 404]),
    ];

    public static TheoryData<int> CellIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cells.Length; i++)
        {
            data.Add(i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CellIndexes))]
    public async Task Every_role_gets_exactly_what_its_role_allows(int cell)
    {
        var (method, template, body, expected) = Cells[cell];
        var path = Resolve(template);
        var actual = new List<string>();
        for (var u = 0; u < Users.Length; u++)
        {
            using var c = await portal.ApiClientAsync(Users[u]);
            var status = (int)(await Send(c, method, path, body)).StatusCode;
            actual.Add($"{Users[u]}={status}");
            if (expected[u] == Allowed)
            {
                status.ShouldNotBeOneOf([401, 403], $"{method} {path} as {Users[u]}: {string.Join(", ", actual)}");
            }
            else
            {
                status.ShouldBe(expected[u], $"{method} {path} as {Users[u]}: {string.Join(", ", actual)}");
            }
        }
        using var anonymous = portal.Client();
        ((int)(await Send(anonymous, method, path, body)).StatusCode).ShouldBe(401, $"{method} {path} without a token");
    }

    [Fact]
    public async Task A_refusal_is_a_swedish_message_and_is_audited()
    {
        using var c = await portal.ApiClientAsync(Reporter);
        var r = await c.GetAsync("/api/v1/regions/04/submissions");
        r.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await r.Content.ReadAsStringAsync()).ShouldContain("får inte se inrapporteringarna från region 04");
        AuditLog.Read(portal.Db, 50).ShouldContain(e => e.Actor == Reporter && e.Action == "submission.history.denied" && e.RegionCode == "04");
    }

    [Theory]
    [InlineData("/region/04/historik")]
    [InlineData("/region/04/inrapportera")]
    [InlineData("/region/04/aterkoppling/{S04}")]
    [InlineData("/region/04/redovisning")]
    [InlineData("/region/04/indikatorer")]
    [InlineData("/region/04/prognos")]
    [InlineData("/nationellt/bedomning")]
    [InlineData("/nationellt/scenario")]
    [InlineData("/admin/konton")]
    public async Task A_reporter_of_region_01_gets_403_on_pages_of_another_region_or_role(string template)
    {
        using var c = await PageSession.SignInAsync(portal, Reporter);
        var r = await c.GetAsync(Resolve(template));
        r.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await r.Content.ReadAsStringAsync()).ShouldContain("Åtkomst nekad");
    }

    private string Resolve(string template) => template
        .Replace("{S01}", CurrentSubmission("01").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{S04}", CurrentSubmission("04").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private long CurrentSubmission(string region) =>
        SubmissionStore.History(portal.Db, region).First(s => s.IsCurrent && s.Kind == SubmissionKind.Pathways).Id;

    private static Task<HttpResponseMessage> Send(HttpClient c, string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') ? "application/json" : "text/csv");
        }
        return c.SendAsync(request);
    }
}
