namespace Svf.Ingestion;

public static class SubmissionKind
{
    /// <summary>Patient-level pathway rows.</summary>
    public const string Pathways = "pathways";
    /// <summary>Number of new cancer cases per SVF diagnosis group: the inclusion denominator.</summary>
    public const string NewCases = "new_cases";
}
