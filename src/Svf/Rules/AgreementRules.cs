namespace Svf.Rules;

/// <summary>
/// One agreement year's rules as data (Rules/Data/agreement-YYYY.json, checked against agreement-rules.schema.json on
/// load). Amounts are whole kronor. Anything the sources do not give is marked provisional and every output says so.
/// </summary>
public sealed record AgreementRules
{
    public required int Year { get; init; }
    public required string Title { get; init; }
    public required string Source { get; init; }
    public required long SvfTotal { get; init; }
    public required PopulationRule Population { get; init; }
    public required FailedSharePolicy DefaultFailedSharePolicy { get; init; }
    public required IReadOnlyList<PaymentRule> Payments { get; init; }
    public required IReadOnlyList<ConditionRule> Conditions { get; init; }
    public required ReportTemplate ReportTemplate { get; init; }
    /// <summary>Deep-dive threshold: waits over the limit by more than this fraction (0.75 in 2024, 0.50 in 2025).</summary>
    public required decimal DeepDiveThreshold { get; init; }
    public bool DeepDiveProvisional { get; init; }
    public string? DeepDiveNote { get; init; }
    /// <summary>Largest accepted difference, in percentage points, between a region's own inclusion figure and ours.</summary>
    public required decimal InclusionTolerancePp { get; init; }

    public ConditionRule Condition(string id) => Conditions.Single(c => c.Id == id);

    /// <summary>
    /// The last day for the yearly report: the first report_on_time condition's deadline, or else 30 September of the
    /// year (the deadline of every agreement so far). The one home of that fallback.
    /// </summary>
    public DateOnly ReportDeadline => Conditions.FirstOrDefault(c => c.Type == ConditionType.ReportOnTime)?.Deadline ?? new DateOnly(Year, 9, 30);

    /// <summary>The population figures a payment is split by: its own, or else the year's.</summary>
    public PopulationRule PopulationOf(PaymentRule payment) => payment.Population ?? Population;

    /// <summary>The rules file's text as loaded (for the record of a locked decision: its hash and a re-run from it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? SourceText { get; init; }

    /// <summary>The SVF whose waiting-time status the yearly report must give and whose inclusion is pooled: Bilaga 3.</summary>
    public IReadOnlyList<string> SvfInScope(Svf.ReferenceData.ReferenceDataSet reference) =>
        Conditions.FirstOrDefault(c => c.Type == ConditionType.Inclusion && c.SvfCodes.Count > 0)?.SvfCodes
        ?? reference.SvfsIntroducedBefore(Year).Select(s => s.Code).ToList();

    /// <summary>Every provisional parameter, named, for the caveat printed with each output that depends on this year.</summary>
    public IReadOnlyList<string> ProvisionalParameters()
    {
        var list = new List<string>();
        // The year's population only matters if some payment uses it.
        if (Population.Provisional && Payments.Any(p => p.Population is null))
        {
            list.Add($"population.reference_date = {Svf.Output.IsoDate.ToText(Population.ReferenceDate)}: {Population.Note}");
        }
        list.AddRange(Payments.Where(p => p.Provisional).Select(p => $"payments.{p.Id}: {p.Note}"));
        list.AddRange(Payments.Where(p => p.Population is { Provisional: true }).Select(p => $"payments.{p.Id}.population.reference_date = {Svf.Output.IsoDate.ToText(p.Population!.ReferenceDate)}: {p.Population.Note}"));
        list.AddRange(Conditions.Where(c => c.Provisional).Select(c => $"conditions.{c.Id}: {c.Note}"));
        if (ReportTemplate.Provisional)
        {
            list.Add($"report_template: {ReportTemplate.Note}");
        }
        if (DeepDiveProvisional)
        {
            list.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"deep_dive_threshold = {DeepDiveThreshold}: {DeepDiveNote}"));
        }
        return list;
    }
}

public sealed record PopulationRule(DateOnly ReferenceDate, bool Provisional, string? Note);

public sealed record PaymentRule(string Id, string NameSv, long Amount, PaymentEligibility Eligibility, IReadOnlyList<string> Conditions)
{
    public bool Provisional { get; init; }
    public string? Note { get; init; }
    /// <summary>The population figures this payment is split by, when they differ from the year's <see cref="AgreementRules.Population"/>.</summary>
    public PopulationRule? Population { get; init; }
}

public enum PaymentEligibility
{
    AllRegions,
    Conditions,
}

public enum FailedSharePolicy
{
    /// <summary>A failing region's share goes to the qualifying regions, by their population (the 2025 precedent).</summary>
    Redistribute,
    /// <summary>A failing region's share is not paid out.</summary>
    Withhold,
}

public enum ConditionType
{
    Inclusion,
    PremInUse,
    ReportOnTime,
    LeadTime,
}

public sealed record ConditionRule
{
    public required string Id { get; init; }
    public required ConditionType Type { get; init; }
    public required string NameSv { get; init; }
    public required bool Provisional { get; init; }
    public string? Note { get; init; }
    public decimal? Threshold { get; init; }
    public string? Period { get; init; }
    public int? SvfIntroducedBefore { get; init; }
    /// <summary>The SVF an inclusion condition pools (the agreement's Bilaga 3 list).</summary>
    public IReadOnlyList<string> SvfCodes { get; init; } = [];
    public DateOnly? Deadline { get; init; }
    public string? Svf { get; init; }
    public IReadOnlyList<string> IcdPrefixes { get; init; } = [];
    public string? Measure { get; init; }
}

public sealed record ReportTemplate(IReadOnlyList<ReportSection> Sections)
{
    public bool Provisional { get; init; }
    public string? Note { get; init; }
}

public sealed record ReportSection(string Id, ReportSectionKind Kind, string TitleSv, bool Required);

public enum ReportSectionKind
{
    SvfStatus,
    Prem,
    Obstacles,
    Text,
    Number,
}
