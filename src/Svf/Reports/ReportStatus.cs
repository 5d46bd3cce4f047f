namespace Svf.Reports;

public static class ReportStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
}

/// <summary>Where a region's yearly reporting stands, as Socialstyrelsen follows it up.</summary>
public enum RegionReportingStatus
{
    NotReceived,
    Incomplete,
    FeedbackSent,
    Complete,
}
