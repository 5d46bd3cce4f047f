using Svf.Reports;

namespace Svf.Assessment;

/// <summary>A condition a region did not meet (or that could not be assessed), by how much, and the region's own account.</summary>
public sealed record DeviationRow(
    int Year,
    string RegionCode,
    string RegionName,
    string ConditionId,
    string ConditionName,
    ConditionOutcome Outcome,
    string Evidence,
    string? Shortfall,
    string? RegionImprovementWork,
    bool ReportReceived,
    bool Provisional);

/// <summary>The ministry's summary table: per condition how many regions met it, and per payment what was paid and withheld.</summary>
/// <remarks><see cref="Policy"/> is set on payment rows (what was paid depends on it); <see cref="Provisional"/> says the row depends on a provisional parameter.</remarks>
public sealed record ConclusionRow(int Year, string Item, string Name, int RegionsMet, int RegionsNotMet, int RegionsCannotAssess, long? Amount, long? Paid, long? Withheld,
    Svf.Rules.FailedSharePolicy? Policy, bool Provisional);

public static class Deviations
{
    public static List<DeviationRow> Build(AssessmentResult assessment, IReadOnlyList<StoredReport> reports)
    {
        return assessment.Conditions
            .Where(c => c.Outcome != ConditionOutcome.Met)
            .Select(c =>
            {
                var report = reports.LastOrDefault(r => r.RegionCode == c.RegionCode && r.Status == ReportStatus.Submitted)?.Content;
                return new DeviationRow(c.Year, c.RegionCode, c.RegionName, c.ConditionId, c.ConditionName, c.Outcome, c.Evidence, c.Reason,
                    ImprovementWork(report, assessment.Rules.Condition(c.ConditionId)), report is not null, c.Provisional);
            })
            .OrderBy(d => d.RegionCode, StringComparer.Ordinal).ThenBy(d => d.ConditionId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The region's own words: its improvement-work section, plus its described obstacles for lead-time conditions.</summary>
    private static string? ImprovementWork(RegionReport? report, Svf.Rules.ConditionRule condition)
    {
        if (report is null)
        {
            return null;
        }
        var parts = new List<string>();
        if (report.Texts.TryGetValue("improvement_work", out var text) && !string.IsNullOrWhiteSpace(text))
        {
            parts.Add(text.Trim());
        }
        if (condition.Type == Svf.Rules.ConditionType.LeadTime)
        {
            parts.AddRange(report.Obstacles.Where(o => o.Svf == condition.Svf && !string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{o.Svf}: {o.Description.Trim()}"));
        }
        return parts.Count == 0 ? null : string.Join(" | ", parts);
    }

    public static List<ConclusionRow> Conclusions(AssessmentResult assessment, Allocator.Result? allocation)
    {
        var year = assessment.Rules.Year;
        var rows = assessment.Rules.Conditions.Select(c =>
        {
            var results = assessment.Conditions.Where(r => r.ConditionId == c.Id).ToList();
            return new ConclusionRow(year, c.Id, c.NameSv, results.Count(r => r.Outcome == ConditionOutcome.Met),
                results.Count(r => r.Outcome == ConditionOutcome.NotMet), results.Count(r => r.Outcome == ConditionOutcome.CannotAssess), null, null, null,
                null, c.Provisional);
        }).ToList();
        foreach (var p in assessment.Rules.Payments)
        {
            var decisions = assessment.Decisions.Where(d => d.PaymentId == p.Id).ToList();
            var total = allocation?.Subtotals.Single(s => s.PaymentId == p.Id && s.RccCode == "SE");
            rows.Add(new ConclusionRow(year, p.Id, p.NameSv, decisions.Count(d => d.Outcome == ConditionOutcome.Met),
                decisions.Count(d => d.Outcome == ConditionOutcome.NotMet), decisions.Count(d => d.Outcome == ConditionOutcome.CannotAssess),
                p.Amount, total?.Amount, total?.Withheld, allocation?.Policy,
                assessment.Rules.PopulationOf(p).Provisional || p.Provisional || p.Conditions.Any(c => assessment.Rules.Condition(c).Provisional)));
        }
        return rows;
    }
}
