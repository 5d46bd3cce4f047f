using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Loopback load against a running portal (bash scripts/portal-demo.sh PORT): N concurrent users, each signed in with a bearer
// token, request the given paths in a loop for a number of seconds; prints p50/p95/p99 and requests per second per path.
// With --upload FILE it also times one POST of that file to the region's submissions endpoint (the 35 000-row case).
// Usage: dotnet run -c Release --project bench/Svf.Web.Load -- --url http://127.0.0.1:8080 --concurrency 50 --seconds 20 \
//          --path /nationellt/status --path "/api/v1/indicators?period_kind=halfyear&within=2025&unit=SE" [--upload pathways-01-2025.csv]
var options = Args.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(5) };
var token = await Token(http, options.User, options.Password);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"portal {options.Url}, user {options.User}, {options.Concurrency} concurrent users, {options.Seconds} s per path, {Environment.ProcessorCount} cores"));
Console.WriteLine("path;requests;errors;rps;p50_ms;p95_ms;p99_ms;max_ms");
foreach (var path in options.Paths)
{
    // The page paths need a session cookie; the API takes the token. The user signs in once (the portal rate-limits
    // sign-ins per address, as it should) and the concurrent clients share that session cookie.
    var cookies = new System.Net.CookieContainer();
    var clients = new List<HttpClient>();
    for (var i = 0; i < options.Concurrency; i++)
    {
        clients.Add(await Session(options, token, path, cookies, signIn: i == 0));
    }
    await clients[0].GetAsync(path); // warm-up: JIT and first computation
    var latencies = new List<double>[options.Concurrency];
    var errors = 0;
    var stop = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async u =>
    {
        latencies[u] = [];
        while (stop.Elapsed.TotalSeconds < options.Seconds)
        {
            var sw = Stopwatch.StartNew();
            using var r = await clients[u].GetAsync(path);
            await r.Content.ReadAsByteArrayAsync();
            latencies[u].Add(sw.Elapsed.TotalMilliseconds);
            if (!r.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }));
    var all = latencies.SelectMany(l => l).OrderBy(x => x).ToArray();
    double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{path};{all.Length};{errors};{all.Length / stop.Elapsed.TotalSeconds:0.0};{P(0.50):0};{P(0.95):0};{P(0.99):0};{all.LastOrDefault():0}"));
    clients.ForEach(c => c.Dispose());
}
if (options.Upload is { } file)
{
    using var c = new HttpClient { BaseAddress = new Uri(options.Url), Timeout = TimeSpan.FromMinutes(5) };
    c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var rows = File.ReadLines(file).Count() - 1;
    var sw = Stopwatch.StartNew();
    using var content = new StreamContent(File.OpenRead(file));
    content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    using var r = await c.PostAsync($"/api/v1/regions/{options.Region}/submissions?kind=pathways&period={options.Period}", content);
    var body = await r.Content.ReadAsStringAsync();
    sw.Stop();
    using var json = JsonDocument.Parse(body);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"upload;{rows} rows;{sw.Elapsed.TotalSeconds:0.00} s;status {json.RootElement.GetProperty("status").GetString()};unchanged {json.RootElement.GetProperty("unchanged").GetBoolean()}"));
}

static async Task<string> Token(HttpClient http, string user, string password)
{
    var r = await http.PostAsJsonAsync("/api/v1/token", new { username = user, password });
    r.EnsureSuccessStatusCode();
    using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
    return json.RootElement.GetProperty("access_token").GetString()!;
}

static async Task<HttpClient> Session(Args o, string token, string path, System.Net.CookieContainer cookies, bool signIn)
{
    var c = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(o.Url), Timeout = TimeSpan.FromMinutes(5) };
    if (path.StartsWith("/api/", StringComparison.Ordinal))
    {
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }
    if (!signIn)
    {
        return c;
    }
    var form = await c.GetStringAsync("/logga-in");
    var marker = "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"";
    var start = form.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
    var af = form[start..form.IndexOf('"', start)];
    var r = await c.PostAsync("/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["username"] = o.User, ["password"] = o.Password, ["__RequestVerificationToken"] = af,
    }));
    if ((int)r.StatusCode != 302)
    {
        throw new InvalidOperationException($"sign-in failed: {(int)r.StatusCode}");
    }
    return c;
}

internal sealed record Args(string Url, string User, string Password, int Concurrency, int Seconds, List<string> Paths, string? Upload, string Region, string Period)
{
    public static Args Parse(string[] args)
    {
        string url = "http://127.0.0.1:8080", user = "analytiker", password = "demo-analytiker", region = "01", period = "2025";
        int concurrency = 50, seconds = 20;
        string? upload = null;
        var paths = new List<string>();
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--url": url = args[i + 1]; break;
                case "--user": user = args[i + 1]; break;
                case "--password": password = args[i + 1]; break;
                case "--concurrency": concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--path": paths.Add(args[i + 1]); break;
                case "--upload": upload = args[i + 1]; break;
                case "--region": region = args[i + 1]; break;
                case "--period": period = args[i + 1]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (paths.Count == 0 && upload is null)
        {
            paths.AddRange(["/nationellt/status?year=2025", "/api/v1/indicators?period_kind=halfyear&within=2025&unit=SE"]);
        }
        return new Args(url, user, password, concurrency, seconds, paths, upload, region, period);
    }
}
