namespace Svf.Ingestion;

public static class SubmissionStatus
{
    public const string Accepted = "accepted";
    public const string AcceptedWithWarnings = "accepted_with_warnings";
    public const string Rejected = "rejected";
    /// <summary>Was accepted, then taken out of use without a replacement (see SubmissionStore.Withdraw).</summary>
    public const string Withdrawn = "withdrawn";
}
