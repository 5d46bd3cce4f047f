namespace Svf.Ingestion;

public static class SubmissionStatus
{
    public const string Accepted = "accepted";
    public const string AcceptedWithWarnings = "accepted_with_warnings";
    public const string Rejected = "rejected";
}
