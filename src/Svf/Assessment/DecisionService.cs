using System.Globalization;
using System.Text;
using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Assessment;

/// <summary>
/// The payment decision as a record: lock a year's assessment, show it exactly as locked, re-run it from its record, and
/// compare a later run with it. Every call is audited with the acting user (a name; the web app checks roles before calling).
/// Corrections that arrive after a year is locked are stored as usual and flagged "after lock" (<see cref="ArrivedAfterLock"/>):
/// the current figures are then provisional, the locked ones stay as they were.
/// </summary>
public sealed class DecisionService(SvfDatabase db, TimeProvider clock, IndicatorOptions? options = null)
{
    private readonly IndicatorOptions _options = options ?? new IndicatorOptions();

    /// <summary>
    /// Assesses the year from the data current now and locks the result. Refused (and audited) if the year is already locked
    /// or no allocation can be computed. <paramref name="render"/> may give the console text, kept to be printed again exactly.
    /// </summary>
    public LockedDecision Lock(AgreementRules rules, ReferenceDataSet reference, FailedSharePolicy policy, string actor, Func<AssessmentRun, string>? render = null)
    {
        if (rules.SourceText is null)
        {
            throw new ArgumentException("The rules must come from a rules file (AgreementRulesCatalog) so that the record can keep its text.", nameof(rules));
        }
        if (DecisionStore.LockTimes(db).TryGetValue(rules.Year, out var lockedAt))
        {
            Refuse(actor, rules.Year, $"Beslutet för {rules.Year} är redan låst ({Svf.Output.IsoDate.Minutes(lockedAt)} UTC). Ett låst beslut ändras inte; visa det med assess show, jämför med assess diff.");
        }
        var inputs = AssessmentInputs.Current(db, rules.Year);
        var run = AssessmentRun.Execute(db, rules, reference, _options, policy, inputs);
        if (run.Allocation is null)
        {
            Refuse(actor, rules.Year, $"Beslutet för {rules.Year} kan inte låsas utan fördelning: {run.AllocationUnavailable}");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new DecisionRecord
        {
            Year = rules.Year, LockedAtUtc = now, LockedBy = actor, Policy = policy,
            RulesSha256 = DecisionStore.Sha256(Encoding.UTF8.GetBytes(rules.SourceText)),
            ReferenceSha256 = reference.ContentSha256(),
            ReferenceFiles = reference.Files.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => DecisionStore.Sha256(f.Value)),
            Parameters = _options, Inputs = inputs, Caveats = rules.ProvisionalParameters(),
            Conditions = run.Assessment.Conditions, Decisions = run.Assessment.Decisions, ComputedInclusion = run.Assessment.ComputedInclusion,
            Allocation = run.Allocation!.Rows, Subtotals = run.Allocation.Subtotals,
            Deviations = run.Deviations, Conclusions = run.Conclusions, ResultFingerprint = run.Fingerprint,
        };
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [LockedDecision.RulesPrefix + $"agreement-{rules.Year}.json"] = Encoding.UTF8.GetBytes(rules.SourceText),
        };
        foreach (var (name, bytes) in reference.Files)
        {
            files[LockedDecision.ReferencePrefix + name] = bytes;
        }
        foreach (var (name, bytes) in run.ExportFiles())
        {
            files[LockedDecision.ExportPrefix + name] = bytes;
        }
        if (render is not null)
        {
            files[LockedDecision.ConsoleFile] = Encoding.UTF8.GetBytes(render(run));
        }
        using (var c = db.OpenConnection())
        using (var tx = c.BeginTransaction())
        {
            if (DecisionStore.Exists(c, tx, rules.Year))
            {
                tx.Rollback();
                Refuse(actor, rules.Year, $"Beslutet för {rules.Year} är redan låst.");
            }
            var id = DecisionStore.Insert(c, tx, record, files);
            AuditLog.Write(c, tx, actor, "decision.locked", null, null,
                $"year {rules.Year}, decision {id}, policy {policy}, {inputs.Submissions.Count} submissions, {inputs.Reports.Count} report versions, " +
                $"rules sha256 {record.RulesSha256[..16]}, reference sha256 {record.ReferenceSha256[..16]}, result fingerprint {record.ResultFingerprint}");
            tx.Commit();
        }
        return DecisionStore.Read(db, rules.Year)!;
    }

    /// <summary>The locked decision of the year, exactly as locked, or null if the year is not locked. Audited as a read.</summary>
    public LockedDecision? Get(int year, string actor)
    {
        var locked = DecisionStore.Read(db, year);
        AuditLog.Write(db, actor, "decision.read", null, null, locked is null ? $"year {year}: not locked" : $"year {year}, decision {locked.Id}");
        return locked;
    }

    /// <summary>The rules and reference data the decision was locked with, from its record.</summary>
    public static (AgreementRules Rules, ReferenceDataSet Reference) InputsOf(LockedDecision locked)
    {
        var reference = ReferenceDataSet.FromContents(locked.Files.Where(f => f.Key.StartsWith(LockedDecision.ReferencePrefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[LockedDecision.ReferencePrefix.Length..], f => f.Value, StringComparer.Ordinal));
        var rulesFile = locked.Files.Single(f => f.Key.StartsWith(LockedDecision.RulesPrefix, StringComparison.Ordinal));
        var rules = AgreementRulesCatalog.Parse(Encoding.UTF8.GetString(rulesFile.Value), rulesFile.Key[LockedDecision.RulesPrefix.Length..], reference);
        return (rules, reference);
    }

    /// <summary>
    /// Re-runs the locked decision from its record alone: the same submission and report versions, rules text, reference
    /// files, parameters and policy. Gives identical results unless stored data was lost or changed.
    /// </summary>
    public RerunResult Rerun(int year, string actor)
    {
        var locked = DecisionStore.Read(db, year) ?? throw new KeyNotFoundException($"Beslutet för {year} är inte låst.");
        var (rules, reference) = InputsOf(locked);
        var run = AssessmentRun.Execute(db, rules, reference, locked.Record.Parameters, locked.Record.Policy, locked.Record.Inputs);
        var differences = AmountDifferences(locked.Record.Allocation, run.Allocation?.Rows ?? []);
        var result = new RerunResult(year, locked.Id, locked.Record.ResultFingerprint, run.Fingerprint, differences);
        AuditLog.Write(db, actor, "decision.rerun", null, null,
            $"year {year}, decision {locked.Id}: {(result.Identical ? "identical" : $"{differences.Count} amounts differ")}, fingerprint {run.Fingerprint}");
        return result;
    }

    /// <summary>
    /// A run on the data current now (with the given rules and reference data, and the locked policy) compared with the
    /// locked decision: amounts per payment and region in kronor, changed outcomes, and which submissions and report versions
    /// differ from those the decision read.
    /// </summary>
    public DecisionDiff Diff(AgreementRules rules, ReferenceDataSet reference, string actor)
    {
        var locked = DecisionStore.Read(db, rules.Year) ?? throw new KeyNotFoundException($"Beslutet för {rules.Year} är inte låst.");
        var record = locked.Record;
        var inputs = AssessmentInputs.Current(db, rules.Year);
        var run = AssessmentRun.Execute(db, rules, reference, _options, record.Policy, inputs);
        var amounts = AmountDifferences(record.Allocation, run.Allocation?.Rows ?? []);
        var outcomes = record.Conditions.Join(run.Assessment.Conditions, l => (l.RegionCode, l.ConditionId), r => (r.RegionCode, r.ConditionId), (l, r) => (l, r))
            .Where(p => p.l.Outcome != p.r.Outcome || p.l.Evidence != p.r.Evidence)
            .Select(p => new OutcomeDifference(p.l.RegionCode, p.l.RegionName, p.l.ConditionId, p.l.Outcome, p.r.Outcome, p.l.Evidence, p.r.Evidence))
            .ToList();
        var inputChanges = InputChanges(record, inputs);
        var diff = new DecisionDiff(rules.Year, locked.Id, record.LockedAtUtc, record.ResultFingerprint, run.Fingerprint,
            DecisionStore.Sha256(Encoding.UTF8.GetBytes(rules.SourceText ?? "")) != record.RulesSha256,
            reference.Files.Where(f => !record.ReferenceFiles.TryGetValue(f.Key, out var sha) || sha != DecisionStore.Sha256(f.Value)).Select(f => f.Key).Order(StringComparer.Ordinal).ToList(),
            run.AllocationUnavailable, amounts, outcomes, inputChanges);
        AuditLog.Write(db, actor, "decision.diff", null, null,
            $"year {rules.Year}, decision {locked.Id}: {amounts.Count} amounts, {outcomes.Count} condition results and {inputChanges.Count} inputs differ");
        return diff;
    }

    /// <summary>When each locked year was locked (UTC); a year not in the map is not locked.</summary>
    public static IReadOnlyDictionary<int, DateTime> LockTimes(SvfDatabase db) => DecisionStore.LockTimes(db);

    /// <summary>True when a submission or report version for <paramref name="year"/> was received after that year was locked.</summary>
    public static bool IsAfterLock(IReadOnlyDictionary<int, DateTime> lockTimes, int year, DateTime receivedAtUtc) =>
        lockTimes.TryGetValue(year, out var at) && receivedAtUtc > at;

    /// <summary>The notice for a submission received after its year was locked (Swedish, for the region and the analyst), or null.</summary>
    public static string? AfterLockNotice(SvfDatabase db, string period, DateTime receivedAtUtc)
    {
        var year = YearOf(period);
        return DecisionStore.LockTimes(db).TryGetValue(year, out var at) && receivedAtUtc > at
            ? $"OBS: inkom efter att beslutet för {year} låstes ({Svf.Output.IsoDate.Minutes(at)} UTC). Uppgifterna är lagrade och används i senare körningar " +
              $"(preliminära siffror), men det låsta beslutet ändras inte. Skillnaderna: svf assess diff --year {year}."
            : null;
    }

    /// <summary>
    /// For outputs computed from the current data (indicators): which of the given years are locked, and how many
    /// submissions for them arrived after the lock, so the current figures are read as provisional against the locked ones.
    /// </summary>
    /// <param name="visible">Whose submissions may be counted and named (a region code in, true out); all when null.</param>
    public static IReadOnlyList<string> LockNotices(SvfDatabase db, IEnumerable<int> years, Func<string, bool>? visible = null)
    {
        var locks = DecisionStore.LockTimes(db);
        var wanted = years.Where(locks.ContainsKey).Distinct().Order().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var history = SubmissionStore.History(db).Where(s => visible is null || visible(s.RegionCode)).ToList();
        return wanted.Select(y =>
        {
            var late = history.Where(s => YearOf(s.Period) == y && s.ReceivedAtUtc > locks[y] && s.IsCurrent).Select(s => s.Id.ToString(CultureInfo.InvariantCulture)).ToList();
            return $"Beslutet för {y} låstes {Svf.Output.IsoDate.Minutes(locks[y])} UTC. " + (late.Count == 0
                ? "Inget har kommit in efter låsningen."
                : $"{late.Count} gällande inrapporteringar kom in efter låsningen (id {string.Join(", ", late)}): siffrorna för {y} här är preliminära och kan skilja sig från det låsta beslutet (svf assess diff --year {y}).");
        }).ToList();
    }

    /// <summary>The year a submission's period belongs to (a period never spans two years).</summary>
    public static int YearOf(string period) => ReportingPeriod.TryParse(period, out var p) ? p.Year : 0;

    /// <summary>
    /// Submissions (of any status) for periods of the year, and report versions of the year, received after the year was
    /// locked: stored and used by later runs, but not part of the locked decision.
    /// </summary>
    public IReadOnlyList<InputChange> ArrivedAfterLock(int year)
    {
        if (!DecisionStore.LockTimes(db).TryGetValue(year, out var at))
        {
            return [];
        }
        var submissions = SubmissionStore.History(db).Where(s => YearOf(s.Period) == year && s.ReceivedAtUtc > at)
            .Select(s => new InputChange(InputChangeKind.ArrivedAfterLock, s.Kind, s.Id, s.RegionCode, s.Period, s.VersionNumber, s.Status, s.ReceivedAtUtc, true));
        var reports = Svf.Reports.RegionReportStore.History(db, year).Where(r => r.SavedAtUtc > at)
            .Select(r => new InputChange(InputChangeKind.ArrivedAfterLock, DecisionStore.ReportInput, r.Id, r.RegionCode, year.ToString(CultureInfo.InvariantCulture), r.VersionNumber, r.Status, r.SavedAtUtc, true));
        return submissions.Concat(reports).OrderBy(c => c.RegionCode, StringComparer.Ordinal).ThenBy(c => c.ReceivedAtUtc).ToList();
    }

    private List<InputChange> InputChanges(DecisionRecord record, AssessmentInputs current)
    {
        var at = record.LockedAtUtc;
        var history = SubmissionStore.History(db).ToDictionary(s => s.Id);
        var lockedIds = record.Inputs.Submissions.Select(s => s.Id).ToHashSet();
        var currentIds = current.Submissions.Select(s => s.Id).ToHashSet();
        var changes = new List<InputChange>();
        changes.AddRange(current.Submissions.Where(s => !lockedIds.Contains(s.Id)).Select(s =>
            new InputChange(InputChangeKind.Added, s.Kind, s.Id, s.RegionCode, s.Period, s.VersionNumber, "current", s.ReceivedAtUtc, s.ReceivedAtUtc > at)));
        changes.AddRange(record.Inputs.Submissions.Where(s => !currentIds.Contains(s.Id)).Select(s =>
            new InputChange(InputChangeKind.NoLongerCurrent, s.Kind, s.Id, s.RegionCode, s.Period, s.VersionNumber,
                history.TryGetValue(s.Id, out var now) ? (now.SupersededBy is { } by ? $"superseded by {by}" : now.Status) : "missing", s.ReceivedAtUtc, false)));
        var lockedReports = record.Inputs.Reports.Select(r => r.Id).ToHashSet();
        changes.AddRange(current.Reports.Where(r => !lockedReports.Contains(r.Id)).Select(r =>
            new InputChange(InputChangeKind.Added, DecisionStore.ReportInput, r.Id, r.RegionCode, record.Year.ToString(CultureInfo.InvariantCulture), r.VersionNumber, r.Status, r.SavedAtUtc, r.SavedAtUtc > at)));
        return changes.OrderBy(c => c.RegionCode, StringComparer.Ordinal).ThenBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Id).ToList();
    }

    private static List<AmountDifference> AmountDifferences(IReadOnlyList<AllocationRow> locked, IReadOnlyList<AllocationRow> current)
    {
        var now = current.ToDictionary(r => (r.PaymentId, r.RegionCode));
        return locked.Select(l => (l, c: now.GetValueOrDefault((l.PaymentId, l.RegionCode))))
            .Where(p => p.c is null || p.c.Amount != p.l.Amount || p.c.Withheld != p.l.Withheld || p.c.Eligibility != p.l.Eligibility)
            .Select(p => new AmountDifference(p.l.PaymentId, p.l.RegionCode, p.l.RegionName, p.l.Eligibility, p.c?.Eligibility, p.l.Amount, p.c?.Amount, p.l.Withheld, p.c?.Withheld))
            .ToList();
    }

    private void Refuse(string actor, int year, string message)
    {
        AuditLog.Write(db, actor, "decision.lock_refused", null, null, $"year {year}: {message}");
        throw new InvalidOperationException(message);
    }
}

/// <summary>The result of re-running a locked decision from its record.</summary>
public sealed record RerunResult(int Year, long DecisionId, string LockedFingerprint, string RerunFingerprint, IReadOnlyList<AmountDifference> AmountDifferences)
{
    public bool Identical => LockedFingerprint == RerunFingerprint && AmountDifferences.Count == 0;
}

/// <summary>A later run compared with the locked decision.</summary>
public sealed record DecisionDiff(
    int Year,
    long DecisionId,
    DateTime LockedAtUtc,
    string LockedFingerprint,
    string CurrentFingerprint,
    bool RulesChanged,
    IReadOnlyList<string> ReferenceFilesChanged,
    string? CurrentAllocationUnavailable,
    IReadOnlyList<AmountDifference> Amounts,
    IReadOnlyList<OutcomeDifference> Outcomes,
    IReadOnlyList<InputChange> Inputs)
{
    public bool Same => LockedFingerprint == CurrentFingerprint && Amounts.Count == 0 && Outcomes.Count == 0;
}

/// <summary>One payment × region whose amount, withheld share or eligibility differs (current null: no allocation now).</summary>
public sealed record AmountDifference(string PaymentId, string RegionCode, string RegionName, ConditionOutcome LockedEligibility, ConditionOutcome? CurrentEligibility,
    long LockedAmount, long? CurrentAmount, long LockedWithheld, long? CurrentWithheld)
{
    public long? Difference => CurrentAmount - LockedAmount;
}

/// <summary>One region × condition whose outcome or evidence differs.</summary>
public sealed record OutcomeDifference(string RegionCode, string RegionName, string ConditionId, ConditionOutcome LockedOutcome, ConditionOutcome CurrentOutcome,
    string LockedEvidence, string CurrentEvidence);

public enum InputChangeKind
{
    /// <summary>Read now but not by the locked decision (a new or corrected version).</summary>
    Added,
    /// <summary>Read by the locked decision but no longer current (superseded or withdrawn).</summary>
    NoLongerCurrent,
    /// <summary>Received after the year was locked.</summary>
    ArrivedAfterLock,
}

/// <summary>A submission (kind pathways / new_cases) or report version (kind report) that differs from the locked decision's inputs.</summary>
public sealed record InputChange(InputChangeKind Change, string Kind, long Id, string RegionCode, string Period, int VersionNumber, string Status, DateTime ReceivedAtUtc, bool AfterLock);
