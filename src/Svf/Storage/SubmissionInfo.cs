namespace Svf.Storage;

/// <summary>One stored submission version (accepted, superseded or rejected), without its rows.</summary>
public sealed record SubmissionInfo(
    long Id,
    string Kind,
    string RegionCode,
    string Period,
    int VersionNumber,
    string FileName,
    string ContentSha256,
    /// <summary>Fingerprint of the pseudonymisation key used: a change shows where person keys stop being comparable.</summary>
    string KeyId,
    DateTime ReceivedAtUtc,
    string ReceivedBy,
    string Status,
    bool IsCurrent,
    long? SupersededBy,
    int RowCount,
    int ErrorCount,
    int WarningCount);
