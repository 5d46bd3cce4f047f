using Svf.Indicators;
using Svf.Rules;

namespace Svf.Assessment;

/// <summary>
/// The payment decision of one year as locked: everything needed to show it again exactly, to re-run it from the same
/// data, and to tell what a later run changed. Stored as JSON (snake_case) in assessment_decisions.record_json.
/// </summary>
public sealed record DecisionRecord
{
    public required int Year { get; init; }
    public required DateTime LockedAtUtc { get; init; }
    public required string LockedBy { get; init; }
    public required FailedSharePolicy Policy { get; init; }
    /// <summary>SHA-256 of the rules file's text (kept in the record's files as rules/agreement-YYYY.json).</summary>
    public required string RulesSha256 { get; init; }
    /// <summary>SHA-256 over the reference files (<see cref="Svf.ReferenceData.ReferenceDataSet.ContentSha256"/>), each kept as reference/NAME.</summary>
    public required string ReferenceSha256 { get; init; }
    /// <summary>SHA-256 of each reference file, by name.</summary>
    public required IReadOnlyDictionary<string, string> ReferenceFiles { get; init; }
    /// <summary>The indicator settings the conditions were computed with.</summary>
    public required IndicatorOptions Parameters { get; init; }
    public required AssessmentInputs Inputs { get; init; }
    public required IReadOnlyList<string> Caveats { get; init; }
    public required IReadOnlyList<ConditionResult> Conditions { get; init; }
    public required IReadOnlyList<PaymentDecision> Decisions { get; init; }
    public required IReadOnlyDictionary<string, double?> ComputedInclusion { get; init; }
    /// <summary>Empty when no allocation could be computed (then <see cref="AllocationUnavailable"/> says why).</summary>
    public required IReadOnlyList<AllocationRow> Allocation { get; init; }
    public required IReadOnlyList<AllocationSubtotal> Subtotals { get; init; }
    public string? AllocationUnavailable { get; init; }
    public required IReadOnlyList<DeviationRow> Deviations { get; init; }
    public required IReadOnlyList<ConclusionRow> Conclusions { get; init; }
    /// <summary>As <see cref="AssessmentRun.Fingerprint"/> of the locked run.</summary>
    public required string ResultFingerprint { get; init; }

    /// <summary>The run as it was locked, for printing with the rules it was locked with.</summary>
    public AssessmentRun ToRun(AgreementRules rules) => new(rules, Policy,
        new AssessmentResult(rules, Conditions, Decisions, ComputedInclusion),
        AllocationUnavailable is null ? new Allocator.Result(Allocation, Subtotals, Policy) : null,
        AllocationUnavailable, Deviations, Conclusions);
}

/// <summary>A locked decision as stored: its record and its files (rules, reference data, exported tables, console text).</summary>
public sealed record LockedDecision(long Id, DecisionRecord Record, string RecordSha256, IReadOnlyDictionary<string, byte[]> Files)
{
    public const string ConsoleFile = "console.txt";
    public const string RulesPrefix = "rules/";
    public const string ReferencePrefix = "reference/";
    public const string ExportPrefix = "export/";

    /// <summary>The exported tables, by file name (e.g. allocation-2025.csv), exactly as written when the decision was locked.</summary>
    public IReadOnlyDictionary<string, byte[]> Exports => Files.Where(f => f.Key.StartsWith(ExportPrefix, StringComparison.Ordinal))
        .ToDictionary(f => f.Key[ExportPrefix.Length..], f => f.Value, StringComparer.Ordinal);

    /// <summary>The console output of the locking run, if the caller rendered one.</summary>
    public string? ConsoleText => Files.TryGetValue(ConsoleFile, out var b) ? System.Text.Encoding.UTF8.GetString(b) : null;
}
