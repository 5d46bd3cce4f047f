using Svf.Indicators;
using Svf.Ingestion;
using Svf.Investments;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// The special investments (docs/special-investments.md): an RCC's report received, read and listed; the lägesbild; the
/// lead-time effect table. Every call is scoped to the caller and audited, refusals included ("investments.….denied"):
/// an RCC coordinator imports and sees only its own RCC's records; a national analyst sees all and may receive a report
/// for any RCC (as the receiving operator); a ministry official reads all; region reporters and administrators have no access.
/// </summary>
public sealed class InvestmentUseCases
{
    private readonly ReferenceDataSet _reference;
    private readonly InvestmentService _service;
    private readonly IndicatorOptions _indicators;
    private readonly Scope _scope;

    public InvestmentUseCases(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, AllocationCatalog allocations, IndicatorOptions indicators,
        TimeProvider clock)
    {
        _reference = reference;
        _indicators = indicators;
        _service = new InvestmentService(db, reference, rules, allocations, clock);
        _scope = new Scope(db, reference);
    }

    /// <summary>
    /// Receives an RCC's report for a year (CSV, or JSON when the name ends in .json); at most <see cref="InvestmentService.MaxFileBytes"/>
    /// are read. Validated with feedback; accepted as a new version or rejected with nothing but the feedback stored.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown RCC code (nothing audited).</exception>
    /// <exception cref="AccessDeniedException">The caller may not report for the RCC (audited as "investments.import.denied").</exception>
    public ImportFeedback Import(Caller caller, string rccCode, int year, Stream content, string fileName)
    {
        var rcc = Rcc(rccCode);
        var actor = Actor(caller, "investments.import", rcc, write: true);
        return _service.Import(actor, rcc, year, content, fileName);
    }

    /// <summary>
    /// As <see cref="Import"/> for a stream that must be read asynchronously (an HTTP request body): the caller is checked
    /// first, then at most <see cref="InvestmentService.MaxFileBytes"/> + 1 bytes are read (a larger body is not read further
    /// and is rejected with <c>file.too_large</c>).
    /// </summary>
    public async Task<ImportFeedback> ImportAsync(Caller caller, string rccCode, int year, Stream content, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var rcc = Rcc(rccCode);
        Actor(caller, "investments.import", rcc, write: true);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while (buffer.Length <= InvestmentService.MaxFileBytes
               && (n = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, InvestmentService.MaxFileBytes + 1 - buffer.Length)), ct).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
        }
        ct.ThrowIfCancellationRequested();
        buffer.Position = 0;
        return Import(caller, rcc, year, buffer, fileName);
    }

    /// <summary>The current report of an RCC for a year, or null. Audited ("investments.read").</summary>
    public InvestmentReport? Current(Caller caller, string rccCode, int year)
    {
        var rcc = Rcc(rccCode);
        return _service.Current(Actor(caller, "investments.read", rcc, write: false), rcc, year);
    }

    /// <summary>Every version received that the caller may see (an RCC coordinator: its own RCC's).</summary>
    public IReadOnlyList<InvestmentImportInfo> History(Caller caller, int? year = null) =>
        _service.History(Actor(caller, "investments.history", null, write: false), year);

    /// <summary>The lägesbild per RCC and area, and the projects; an RCC coordinator gets its own RCC's rows. Audited ("investments.lagesbild").</summary>
    public Lagesbild Lagesbild(Caller caller, int year) => _service.Lagesbild(Actor(caller, "investments.lagesbild", null, write: false), year);

    /// <summary>The difference-in-differences table (<see cref="LeadTimeEffect"/>); an RCC coordinator gets its own projects' rows. Audited ("investments.effect").</summary>
    public IReadOnlyList<LeadTimeEffectRow> Effect(Caller caller, int year, int windowMonths = 6, EffectComparison comparison = EffectComparison.SameSvfOtherRegions) =>
        _service.Effect(Actor(caller, "investments.effect", null, write: false), year, _indicators, windowMonths, comparison);

    private string Rcc(string rccCode)
    {
        var code = rccCode?.Trim();
        if (string.IsNullOrEmpty(code) || _reference.Rccs.All(r => r.Code != code))
        {
            throw new ArgumentException($"Okänt RCC '{code}'. Giltiga: {string.Join(", ", _reference.Rccs.Select(r => r.Code))}.", nameof(rccCode));
        }
        return code;
    }

    /// <summary>The domain service's actor for the caller, after the scope check; a refusal is audited as "<paramref name="action"/>.denied".</summary>
    private InvestmentActor Actor(Caller caller, string action, string? rccCode, bool write)
    {
        _scope.CheckCaller(caller, action);
        switch (caller.Role)
        {
            case Role.RccCoordinator:
                _scope.Demand(rccCode is null || rccCode == caller.RccCode, caller, action, null, null,
                    $"{caller.RoleText} får inte {(write ? "redovisa" : "se redovisningen")} för RCC {rccCode}: bara för det egna RCC:t.");
                return InvestmentActor.Rcc(caller.UserId, caller.RccCode!);
            case Role.NationalAnalyst:
                return InvestmentActor.National(caller.UserId);
            case Role.MinistryViewer when !write:
                return InvestmentActor.National(caller.UserId);
            default:
                _scope.Deny(caller, action, null, null,
                    $"{caller.RoleText} har inte tillgång till {(write ? "inrapporteringen" : "redovisningen")} av de särskilda satsningarna.");
                return null!;
        }
    }
}

/// <summary>
/// The agreement's allocation of money per purpose and recipient, expanded to whole kronor (docs/special-investments.md §1).
/// The agreement is a public text: no caller, nothing audited, no database.
/// </summary>
public sealed class AllocationUseCases(ReferenceDataSet reference, AgreementRulesCatalog rules, AllocationCatalog allocations)
{
    /// <summary>The year's allocation items and every item's share per recipient, whole kronor.</summary>
    /// <exception cref="KeyNotFoundException">No allocation table for the year.</exception>
    public AllocationTable Table(int year)
    {
        var allocation = allocations.ForYear(year);
        return new AllocationTable(allocation, AllocationExpander.Expand(allocation, rules.ForYear(year), reference));
    }
}

/// <summary>A year's allocation and its expansion per item and recipient.</summary>
public sealed record AllocationTable(AgreementAllocation Allocation, IReadOnlyList<AllocationShare> Shares)
{
    /// <summary>One row per recipient (the sum over the items).</summary>
    public IReadOnlyList<RecipientTotal> Totals => AllocationExpander.Totals(Shares);
}
