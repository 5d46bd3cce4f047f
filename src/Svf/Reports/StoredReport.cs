namespace Svf.Reports;

/// <summary>One saved version of a region's report. <see cref="SavedAtUtc"/> of a submitted version is its submission time.</summary>
public sealed record StoredReport(long Id, int Year, string RegionCode, int VersionNumber, string Status, DateTime SavedAtUtc, string SavedBy, RegionReport Content);
