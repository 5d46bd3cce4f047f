using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Svf.Assessment;
using Svf.Domain;
using Svf.Generation;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;
using Svf.Web.Auth;

namespace Svf.Web.Tests.Support;

/// <summary>
/// The portal on a real Kestrel port (UseKestrel(0)) over a fresh SQLite database holding a small generated national year
/// 2025 (4 000 pathways): every region's files and yearly report, except region 03's pathway file and report, which the
/// browser test sends. Demo accounts on. One per test collection.
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    public const int Year = 2025;
    public const string KeyBase64 = "c3ZmLXdlYi10ZXN0cy1wc2V1ZG9ueW0ta2V5LTMyLWJ5dGVzISE=";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"svf-web-{Guid.NewGuid():N}");

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<SyntheticDataGenerator.RegionFiles> Files { get; private set; } = [];

    public string DataDir => Path.Combine(_dir, "incoming");

    public string DatabasePath => Path.Combine(_dir, "svf.db");

    public SvfDatabase Db => Factory.Services.GetRequiredService<SvfDatabase>();

    /// <summary>Settings over the defaults; a fixture for one special case (a tight limit, a moving clock) overrides this.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Portal:Demo"] = "true",
        ["Portal:AllowHttp"] = "true",
        ["Portal:LoginAttemptsPerMinute"] = "10000",
        ["Portal:UploadsPerMinute"] = "10000",
    };

    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public bool SeedData { get; protected set; } = true;

    private static readonly object StartLock = new();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        if (SeedData)
        {
            Seed();
        }
        Settings["Portal:Database"] = "sqlite:" + DatabasePath;
        Settings["Portal:ReferenceDataDirectory"] = TestReferenceData();
        Settings["Portal:PseudonymKey"] = KeyBase64;
        // Factories of a minimal-hosting Program find their host through a process-wide hook while it is built; two fixtures
        // starting at once (xunit runs collections in parallel) can pick up each other's configuration, so start one at a time.
        lock (StartLock)
        {
            Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                foreach (var (k, v) in Settings)
                {
                    b.UseSetting(k, v);
                }
                b.UseEnvironment("Production");
                // A free port chosen by the OS, never the default 5000 (another process may hold it).
                b.UseSetting("urls", "http://127.0.0.1:0");
                if (ConfigureServices is { } configure)
                {
                    b.ConfigureServices(configure);
                }
            });
            Factory.UseKestrel(0);
            Factory.StartServer();
        }
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    private void Seed()
    {
        var reference = ReferenceDataSet.Embedded;
        Files = new SyntheticDataGenerator(reference, new GeneratorSettings { Year = Year, PathwaysPerYear = 4000 }).WriteAll(DataDir);
        using var db = SvfDatabase.Open("sqlite:" + DatabasePath);
        db.Migrate();
        var service = new SubmissionService(db, reference, Pseudonymizer.FromBase64(KeyBase64), TimeProvider.System);
        var year = new ReportingPeriod(PeriodKind.Year, Year, 1);
        var previous = new ReportingPeriod(PeriodKind.Quarter, Year - 1, 4);
        foreach (var f in Files)
        {
            using (var s = File.OpenRead(f.PreviousQuarterFile))
            {
                service.SubmitPathways(s, Path.GetFileName(f.PreviousQuarterFile), f.RegionCode, previous, "seed");
            }
            if (f.RegionCode != "03")
            {
                using var s = File.OpenRead(f.PathwayFile);
                service.SubmitPathways(s, Path.GetFileName(f.PathwayFile), f.RegionCode, year, "seed");
            }
            using (var s = File.OpenRead(f.NewCasesFile))
            {
                service.SubmitNewCases(s, Path.GetFileName(f.NewCasesFile), f.RegionCode, year, "seed");
            }
        }
        var rules = AgreementRulesCatalog.Load(reference).ForYear(Year);
        var computed = new PaymentAssessor(db, reference, new IndicatorOptions()).Assess(rules).ComputedInclusion;
        var period = ReportPrefill.MeasurementPeriod(rules);
        var rows = new IndicatorEngine(reference, new IndicatorOptions()).Compute(IndicatorSource.Pathways(db), IndicatorSource.NewCases(db), new IndicatorQuery(period.Kind, period));
        var at = new FixedClock(new DateTimeOffset(Year, 9, 20, 9, 0, 0, TimeSpan.Zero));
        foreach (var region in reference.Regions.Where(r => r.Code != "03"))
        {
            var report = SyntheticReports.Complete(ReportPrefill.Create(rules, reference, region.Code, rows), rules, computed.GetValueOrDefault(region.Code));
            RegionReportStore.Save(db, report, submit: true, $"seed-{region.Code}", at);
        }
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, System.Net.CookieContainer> _jars = new();

    /// <summary>
    /// regioner.csv with the two populations at 2025-09-30 that the source lacks (Halland, Västerbotten) filled in with their latest
    /// known figure, for the tests only: without them the 2025 allocation cannot be computed (the portal then says so).
    /// </summary>
    private string TestReferenceData()
    {
        var dir = Path.Combine(_dir, "reference");
        Directory.CreateDirectory(dir);
        using var s = typeof(ReferenceDataSet).Assembly.GetManifestResourceStream("Svf.ReferenceData.regioner.csv")!;
        var lines = new StreamReader(s).ReadToEnd().Split('\n');
        var header = lines[0].TrimEnd('\r').Split(';');
        var col = Array.IndexOf(header, "population_2025_09_30");
        for (var i = 1; i < lines.Length && col >= 0; i++)
        {
            var f = lines[i].TrimEnd('\r').Split(';');
            if (f.Length > col && f[col].Length == 0)
            {
                f[col] = f.Take(col).Skip(3).Reverse().FirstOrDefault(v => v.Length > 0) ?? "";
                lines[i] = string.Join(';', f);
            }
        }
        File.WriteAllText(Path.Combine(dir, "regioner.csv"), string.Join('\n', lines));
        return dir;
    }

    public HttpClient Client(bool allowRedirect = false)
    {
        var jar = new System.Net.CookieContainer();
        var c = new HttpClient(new HttpClientHandler { AllowAutoRedirect = allowRedirect, UseCookies = true, CookieContainer = jar }) { BaseAddress = BaseUrl };
        _jars.Add(c, jar);
        return c;
    }

    /// <summary>The cookies a client holds for the portal, as "name=value".</summary>
    public IEnumerable<string> Cookies(HttpClient c) =>
        _jars.TryGetValue(c, out var jar) ? jar.GetCookies(BaseUrl).Select(k => $"{k.Name}={k.Value}") : [];

    public static string PasswordOf(string username) => DemoAccounts.All.Single(a => a.Username == username).Password;

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <summary>A token per user, fetched once (password hashing is deliberately slow).</summary>
    public async Task<string> TokenAsync(string username)
    {
        lock (_tokens)
        {
            if (_tokens.TryGetValue(username, out var known))
            {
                return known;
            }
        }
        using var c = Client();
        var response = await c.PostAsJsonAsync("/api/v1/token", new { username, password = PasswordOf(username) });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        lock (_tokens)
        {
            _tokens[username] = token;
        }
        return token;
    }

    public async Task<HttpClient> ApiClientAsync(string username)
    {
        var c = Client();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username));
        return c;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "portal";
}
