using Svf.Reports;
using Svf.Storage;

namespace Svf.Assessment;

/// <summary>
/// Exactly what an assessment read: the submission versions (pathways and new cases) and the yearly-report versions.
/// A locked decision keeps this list, so it can be re-run from the same data whatever arrives later.
/// </summary>
public sealed record AssessmentInputs(IReadOnlyList<InputSubmission> Submissions, IReadOnlyList<InputReport> Reports)
{
    /// <summary>What an assessment of <paramref name="year"/> reads now: every current submission and every saved report version of the year.</summary>
    public static AssessmentInputs Current(SvfDatabase db, int year) => new(
        SubmissionStore.History(db).Where(s => s.IsCurrent).OrderBy(s => s.Id)
            .Select(s => new InputSubmission(s.Id, s.Kind, s.RegionCode, s.Period, s.VersionNumber, s.ContentSha256, s.ReceivedAtUtc)).ToList(),
        RegionReportStore.History(db, year).OrderBy(r => r.Id)
            .Select(r => new InputReport(r.Id, r.RegionCode, r.VersionNumber, r.Status, r.SavedAtUtc)).ToList());

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<long> SubmissionIds => Submissions.Select(s => s.Id).ToHashSet();

    /// <summary>The report versions of the year that are among the inputs, oldest first per region (as <see cref="RegionReportStore.History"/>).</summary>
    public List<StoredReport> ReportsOf(SvfDatabase db, int year)
    {
        var ids = Reports.Select(r => r.Id).ToHashSet();
        return RegionReportStore.History(db, year).Where(r => ids.Contains(r.Id)).ToList();
    }
}

/// <summary>One submission version an assessment read.</summary>
public sealed record InputSubmission(long Id, string Kind, string RegionCode, string Period, int VersionNumber, string ContentSha256, DateTime ReceivedAtUtc);

/// <summary>One yearly-report version an assessment read (drafts too: they are part of the history it saw).</summary>
public sealed record InputReport(long Id, string RegionCode, int VersionNumber, string Status, DateTime SavedAtUtc);
