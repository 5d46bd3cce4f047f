namespace Svf.Ingestion;

public enum IssueSeverity
{
    /// <summary>The submission cannot be accepted until this is fixed.</summary>
    Error,
    /// <summary>Accepted, but the region should check this.</summary>
    Warning,
}
