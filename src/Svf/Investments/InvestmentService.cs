using System.Security.Cryptography;
using System.Text.Json;
using Svf.Ingestion;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Investments;

/// <summary>
/// The special-investment follow-up: an RCC's report per year is received (CSV or JSON, validated with feedback, stored
/// atomically as a new version), and the lägesbild per RCC and area is computed against the agreement's allocation.
/// An RCC's user imports and sees only its own RCC's records; Socialstyrelsen sees all. Reads, imports and refusals are audited.
/// </summary>
public sealed class InvestmentService(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, AllocationCatalog allocations, TimeProvider clock)
{
    public const string Kind = "investment_report";

    /// <summary>
    /// The largest report received: an RCC's report for a year is tens of rows (a few kilobytes). At most this many bytes are
    /// read into memory; a larger file is rejected with <c>file.too_large</c> without reading the rest (docs/special-investments.md §2.3).
    /// </summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;
    private const string FormatDoc = "docs/special-investments.md";

    /// <summary>The money allocated to each RCC per area for the year (whole kronor), from the allocation tables.</summary>
    public IReadOnlyDictionary<(string Rcc, string Area), long> Allocated(int year)
    {
        var shares = AllocationExpander.Expand(allocations.ForYear(year), rules.ForYear(year), reference);
        return shares.Where(s => s.Area is not null && s.RecipientKind is RecipientKind.Rcc or RecipientKind.NamedRcc)
            .GroupBy(s => (s.RecipientCode, s.Area!))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));
    }

    /// <summary>Receives an RCC's report for a year. The format follows the file name: .json, otherwise CSV.</summary>
    public ImportFeedback Import(InvestmentActor actor, string rccCode, int year, Stream content, string fileName)
    {
        // The name comes from outside: one line, no personal number (it is stored, audited and shown).
        fileName = SafeText.OneLine(Redaction.MaskNumbers(Path.GetFileName(fileName)));
        if (!reference.Rccs.Any(r => r.Code == rccCode))
        {
            throw new ArgumentException($"Okänd RCC '{rccCode}'. Kända: {string.Join(", ", reference.Rccs.Select(r => r.Code))}.", nameof(rccCode));
        }
        Authorize(actor, rccCode, "investments.import");
        var allocated = Allocated(year).Where(kv => kv.Key.Rcc == rccCode).ToDictionary(kv => kv.Key.Area, kv => kv.Value, StringComparer.Ordinal);
        var received = clock.GetUtcNow().UtcDateTime;
        using var buffer = new MemoryStream();
        var tooLarge = !CopyAtMost(content, buffer, MaxFileBytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        buffer.Position = 0;
        var scope = $"{reference.Rccs.Single(r => r.Code == rccCode).NameSv}, särskilda satsningar {year}";

        using var c = db.OpenConnection();
        var tx = c.BeginTransaction();
        try
        {
            db.LockRegion(c, tx, "rcc-" + rccCode);
            var current = InvestmentStore.Imports(c, tx, rccCode, year).Where(i => i.IsCurrent).ToList();
            if (current.FirstOrDefault(i => i.Sha == sha) is { } same)
            {
                tx.Rollback();
                AuditLog.Write(c, null, actor.Actor, "investments.unchanged", null, null, $"{rccCode} {year} {fileName}: identical to current import {same.Id}");
                return InvestmentStore.Feedback(c, same.Id) with { Unchanged = true, FileName = fileName, ReceivedAtUtc = received };
            }
            var issues = new IssueCollector();
            var validator = new InvestmentValidator(reference, rccCode, allocated, issues);
            var json = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            if (tooLarge)
            {
                issues.Error("file.too_large", 0, null,
                    $"Filen '{fileName}' är större än {MaxFileBytes / (1024 * 1024)} MB och har inte lästs. En redovisning av de särskilda satsningarna är normalt några kilobyte: kontrollera att rätt fil skickats.");
            }
            var rows = tooLarge ? 0 : json ? ReadJson(buffer, validator, issues) : ReadCsv(buffer, validator, issues);
            var version = InvestmentStore.Imports(c, tx, rccCode, year).Select(i => i.VersionNumber).DefaultIfEmpty(0).Max() + 1;
            var id = InvestmentStore.Insert(c, tx, rccCode, year, version, fileName, sha, received, actor.Actor);
            var feedback = ImportFeedback.From(Kind, fileName, scope, received, rows, validator.Areas.Count + validator.Projects.Count, issues) with { ImportId = id, VersionNumber = version };
            if (feedback.Accepted)
            {
                var supersedes = current.Select(i => i.Id).ToList();
                feedback = feedback with { Supersedes = supersedes };
                InvestmentStore.WriteContent(c, tx, id, validator.Areas, validator.Projects);
                InvestmentStore.Finish(c, tx, id, feedback, supersedes);
                AuditLog.Write(c, tx, actor.Actor, "investments.accepted", null, null,
                    $"{rccCode} {year} v{version} {fileName}: {validator.Areas.Count} areas, {validator.Projects.Count} projects, {feedback.WarningCount} warnings");
                tx.Commit();
                return feedback;
            }
            // Rejected: nothing of the file is kept but the feedback.
            InvestmentStore.Finish(c, tx, id, feedback, null);
            AuditLog.Write(c, tx, actor.Actor, "investments.rejected", null, null, $"{rccCode} {year} v{version} {fileName}: {feedback.ErrorCount} errors");
            tx.Commit();
            return feedback;
        }
        finally
        {
            tx.Dispose();
        }
    }

    /// <summary>The current report of an RCC for a year, or null when none has been accepted.</summary>
    public InvestmentReport? Current(InvestmentActor actor, string rccCode, int year)
    {
        Authorize(actor, rccCode, "investments.read");
        using var c = db.OpenConnection();
        var import = InvestmentStore.Imports(c, null, rccCode, year).LastOrDefault(i => i.IsCurrent);
        AuditLog.Write(c, null, actor.Actor, "investments.read", null, null, $"{rccCode} {year}: {(import is null ? "no report" : $"import {import.Id}")}");
        return import is null ? null : InvestmentStore.Read(c, import);
    }

    /// <summary>Every version received (accepted and rejected) that the actor may see, with its feedback status.</summary>
    public IReadOnlyList<InvestmentImportInfo> History(InvestmentActor actor, int? year = null)
    {
        using var c = db.OpenConnection();
        return InvestmentStore.Imports(c, null, actor.RccCode, year)
            .Select(i => new InvestmentImportInfo(i.Id, i.RccCode, i.Year, i.VersionNumber, i.FileName, i.ReceivedAtUtc, i.ReceivedBy, i.Status, i.IsCurrent))
            .ToList();
    }

    /// <summary>
    /// The lägesbild for the interim report: per RCC and area, the criteria, the allocated money, the amount and share passed
    /// on, and the projects; plus every project for the final report. An RCC's user gets its own RCC only.
    /// </summary>
    public Lagesbild Lagesbild(InvestmentActor actor, int year)
    {
        var allocation = allocations.ForYear(year);
        var allocated = Allocated(year);
        var rows = new List<LagesbildRow>();
        var projects = new List<ProjectRow>();
        using var c = db.OpenConnection();
        var imports = InvestmentStore.Imports(c, null, actor.RccCode, year).Where(i => i.IsCurrent).ToDictionary(i => i.RccCode);
        foreach (var rcc in reference.Rccs.Where(r => actor.CanSee(r.Code)))
        {
            var report = imports.TryGetValue(rcc.Code, out var import) ? InvestmentStore.Read(c, import) : null;
            foreach (var area in allocation.Areas)
            {
                var money = allocated.GetValueOrDefault((rcc.Code, area));
                var a = report?.Areas.FirstOrDefault(x => x.Area == area);
                var own = report?.Projects.Where(p => p.Area == area).ToList() ?? [];
                rows.Add(new LagesbildRow
                {
                    Year = year, RccCode = rcc.Code, RccName = rcc.NameSv, Area = area, AreaName = InvestmentAreas.NameSv(area),
                    Allocated = money, Reported = a is not null, Criteria = a?.Criteria, AmountPassedOn = a?.AmountPassedOn,
                    SharePassedOn = a is not null && money > 0 ? (double)a.AmountPassedOn / money : null,
                    Projects = own.Count, ProjectNames = string.Join("; ", own.Select(p => p.Name)),
                    ProjectAmount = own.Sum(p => p.Amount), GoodExamples = own.Count(p => p.GoodExample),
                    ImportId = report?.ImportId, VersionNumber = report?.VersionNumber,
                    Provisional = allocation.Items.Any(i => i.Area == area && i.Provisional) || rules.ForYear(year).Population.Provisional,
                });
                projects.AddRange(own.Select(p => new ProjectRow
                {
                    Year = year, RccCode = rcc.Code, RccName = rcc.NameSv, Area = area, ProjectId = p.ProjectId, Name = p.Name,
                    ResponsibleUnit = p.ResponsibleUnit, Regions = string.Join(",", p.Regions), Amount = p.Amount, StartDate = p.StartDate,
                    EndDate = p.EndDate, Aim = p.Aim, Status = p.Status, Results = p.Results, AffectedSvf = string.Join(",", p.AffectedSvf), GoodExample = p.GoodExample,
                }));
            }
        }
        AuditLog.Write(c, null, actor.Actor, "investments.lagesbild", null, null, $"{year}: {(actor.RccCode is null ? "all RCC" : actor.RccCode)}, {imports.Count} reports");
        var caveats = allocation.ProvisionalParameters().Where(p => allocation.Items.Any(i => i.Area is not null && p.StartsWith($"allocation.{i.Id}:", StringComparison.Ordinal))).ToList();
        if (rules.ForYear(year).Population.Provisional)
        {
            caveats.Add($"population.reference_date = {Svf.Output.IsoDate.ToText(rules.ForYear(year).Population.ReferenceDate)}: {rules.ForYear(year).Population.Note}");
        }
        return new Lagesbild(year, rows, projects, caveats);
    }

    /// <summary>
    /// The difference-in-differences table for the year's projects tied to SVF and regions (<see cref="LeadTimeEffect"/>).
    /// The comparison group (<paramref name="comparison"/>) is built from every RCC's projects; an RCC's user gets the rows of its own projects only.
    /// </summary>
    public IReadOnlyList<LeadTimeEffectRow> Effect(InvestmentActor actor, int year, Svf.Indicators.IndicatorOptions options, int windowMonths = 6,
        EffectComparison comparison = EffectComparison.SameSvfOtherRegions)
    {
        using var c = db.OpenConnection();
        var projects = InvestmentStore.Imports(c, null, null, year).Where(i => i.IsCurrent)
            .SelectMany(i => InvestmentStore.Read(c, i).Projects.Select(p => (i.RccCode, p))).ToList();
        var rows = LeadTimeEffect.Compute(year, projects, IndicatorSource.Pathways(db), reference, options, windowMonths, comparison)
            .Where(r => actor.CanSee(r.RccCode)).ToList();
        AuditLog.Write(c, null, actor.Actor, "investments.effect", null, null, $"{year}: {(actor.RccCode is null ? "all RCC" : actor.RccCode)}, {rows.Count} rows, window {windowMonths} months, comparison {LeadTimeEffect.Code(comparison)}");
        return rows;
    }

    private void Authorize(InvestmentActor actor, string rccCode, string action)
    {
        if (actor.CanSee(rccCode))
        {
            return;
        }
        AuditLog.Write(db, actor.Actor, action + ".refused", null, null, $"actor of RCC {actor.RccCode} asked for RCC {rccCode}");
        throw new Svf.Application.AccessDeniedException($"Du företräder {actor.RccCode} och kan inte se eller ändra {rccCode}s redovisning.");
    }

    /// <summary>Copies at most <paramref name="max"/> bytes; false (and stops reading) when the content is longer.</summary>
    private static bool CopyAtMost(Stream content, MemoryStream buffer, int max)
    {
        var chunk = new byte[81920];
        int n;
        while ((n = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > max)
            {
                return false;
            }
            buffer.Write(chunk, 0, n);
        }
        buffer.Position = 0;
        return true;
    }

    private static int ReadCsv(Stream content, InvestmentValidator validator, IssueCollector issues)
    {
        var read = ImportCsv.Read(content, InvestmentColumns.Required, InvestmentColumns.All, issues, csv => validator.Row(csv.Line, csv.Get, f => f), FormatDoc);
        if (read > 0)
        {
            validator.Finish(f => f);
        }
        return read;
    }

    /// <summary>JSON: {"areas": [...], "projects": [...]} (docs/investment-report.schema.json); a row is an array element, the field its path.</summary>
    private static int ReadJson(Stream content, InvestmentValidator validator, IssueCollector issues)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            issues.Error("json.invalid", (int)(e.LineNumber ?? 0) + 1, null, "Filen är inte giltig JSON. Kontrollera kommatecken, citattecken och klamrar kring raden.");
            return 0;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                issues.Error("json.invalid", 0, null, "Filen ska vara ett JSON-objekt med fälten areas och projects.");
                return 0;
            }
            var read = 0;
            foreach (var (array, type) in new[] { ("areas", InvestmentColumns.AreaRow), ("projects", InvestmentColumns.ProjectRow) })
            {
                if (!doc.RootElement.TryGetProperty(array, out var items))
                {
                    continue;
                }
                if (items.ValueKind != JsonValueKind.Array)
                {
                    issues.Error("json.invalid", 0, array, $"{array} ska vara en lista.");
                    continue;
                }
                var i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    i++;
                    read++;
                    var prefix = $"{array}[{i - 1}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        issues.Error("json.invalid", i, prefix, "Varje element ska vara ett objekt.");
                        continue;
                    }
                    var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [InvestmentColumns.RowType] = type };
                    foreach (var p in item.EnumerateObject())
                    {
                        if (!InvestmentColumns.All.Contains(p.Name, StringComparer.OrdinalIgnoreCase) || p.Name == InvestmentColumns.RowType)
                        {
                            issues.Warning("header.unknown_column", i, $"{prefix}.{p.Name}", $"Fältet {Redaction.Quote(p.Name)} är okänt och ignoreras.");
                            continue;
                        }
                        values[p.Name] = Text(p.Value);
                    }
                    validator.Row(i, k => values.GetValueOrDefault(k), f => $"{prefix}.{f}");
                }
            }
            if (read == 0)
            {
                issues.Error("file.no_rows", 0, null, "Filen innehåller inga områden eller projekt.");
                return 0;
            }
            validator.Finish(f => f == InvestmentColumns.Area ? "areas" : $"areas.{f}");
            return read;
        }
    }

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => v.GetString() is { } s && s.Trim().Length > 0 ? s.Trim() : null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.Array => string.Join(",", v.EnumerateArray().Select(Text).OfType<string>()),
        _ => v.GetRawText(),
    };
}

public sealed record InvestmentImportInfo(long Id, string RccCode, int Year, int VersionNumber, string FileName, DateTime ReceivedAtUtc, string ReceivedBy, string Status, bool IsCurrent);

/// <summary>The lägesbild tables: one row per RCC and area, and the projects (for the final report), with the caveats.</summary>
public sealed record Lagesbild(int Year, IReadOnlyList<LagesbildRow> Rows, IReadOnlyList<ProjectRow> Projects, IReadOnlyList<string> Caveats);

/// <summary>One RCC's situation in one area (columns in docs/output-columns.md).</summary>
public sealed record LagesbildRow
{
    public required int Year { get; init; }
    public required string RccCode { get; init; }
    public required string RccName { get; init; }
    public required string Area { get; init; }
    public required string AreaName { get; init; }
    /// <summary>The RCC's share of the area's money, whole kronor (allocation tables).</summary>
    public required long Allocated { get; init; }
    /// <summary>False when the RCC has not reported the area.</summary>
    public required bool Reported { get; init; }
    public string? Criteria { get; init; }
    public long? AmountPassedOn { get; init; }
    /// <summary>Amount passed on / allocated (a fraction; may exceed 1).</summary>
    public double? SharePassedOn { get; init; }
    public required int Projects { get; init; }
    public required string ProjectNames { get; init; }
    public required long ProjectAmount { get; init; }
    public required int GoodExamples { get; init; }
    public long? ImportId { get; init; }
    public int? VersionNumber { get; init; }
    public required bool Provisional { get; init; }
}

/// <summary>One project granted money, for the final report's descriptions, good examples and results.</summary>
public sealed record ProjectRow
{
    public required int Year { get; init; }
    public required string RccCode { get; init; }
    public required string RccName { get; init; }
    public required string Area { get; init; }
    public required string ProjectId { get; init; }
    public required string Name { get; init; }
    public required string ResponsibleUnit { get; init; }
    public required string Regions { get; init; }
    public required long Amount { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public required string Aim { get; init; }
    public required string Status { get; init; }
    public string? Results { get; init; }
    public required string AffectedSvf { get; init; }
    public required bool GoodExample { get; init; }
}
