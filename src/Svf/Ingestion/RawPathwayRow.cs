namespace Svf.Ingestion;

/// <summary>The text fields of one pathway row as read from the file, before validation. Null = column absent or empty.</summary>
internal sealed record RawPathwayRow(
    int Row,
    string? Region,
    string? PersonalId,
    string? Sex,
    string? BirthYear,
    string? Svf,
    string? SuspicionDate,
    string? FirstVisitDate,
    string? TreatmentDecisionDate,
    string? TreatmentStartDate,
    string? TreatmentType,
    string? EndDate,
    string? Outcome,
    string? Icd10);
