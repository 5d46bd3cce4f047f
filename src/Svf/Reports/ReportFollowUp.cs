using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Reports;

/// <summary>
/// Socialstyrelsen's follow-up of the yearly reports: per region, the latest submitted version, what is missing or
/// inconsistent, and the status (not received / incomplete / feedback sent / complete).
/// </summary>
public sealed class ReportFollowUp(SvfDatabase db, ReferenceDataSet reference)
{
    /// <param name="computedInclusion">Inclusion per region computed from submitted data for the rules' period (missing = cannot be computed).</param>
    public IReadOnlyList<ReportFeedbackLetter> Letters(AgreementRules rules, IReadOnlyDictionary<string, double?> computedInclusion)
    {
        var history = RegionReportStore.History(db, rules.Year);
        var withFeedback = RegionReportStore.ReportsWithFeedback(db, rules.Year);
        var deadline = rules.ReportDeadline;
        return reference.Regions.Select(region =>
        {
            var latest = history.LastOrDefault(h => h.RegionCode == region.Code && h.Status == ReportStatus.Submitted);
            if (latest is null)
            {
                return new ReportFeedbackLetter(rules.Year, region.Code, region.Name, RegionReportingStatus.NotReceived, null, null, null, false, deadline,
                    [new ReportFinding("report.not_received", ReportFinding.Missing, "report", null, $"Ingen inskickad redovisning för {rules.Year}.")]);
            }
            var findings = ReportCompleteness.Check(latest.Content, rules, reference, computedInclusion.GetValueOrDefault(region.Code));
            var status = findings.Count == 0 ? RegionReportingStatus.Complete
                : withFeedback.Contains(latest.Id) ? RegionReportingStatus.FeedbackSent
                : RegionReportingStatus.Incomplete;
            return new ReportFeedbackLetter(rules.Year, region.Code, region.Name, status, latest.Id, latest.VersionNumber, latest.SavedAtUtc,
                !Deadlines.IsOnTime(latest.SavedAtUtc, deadline), deadline, findings);
        }).ToList();
    }
}
