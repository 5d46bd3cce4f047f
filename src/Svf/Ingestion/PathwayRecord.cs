using Svf.Domain;

namespace Svf.Ingestion;

/// <summary>A validated, pseudonymised pathway as it is stored. Holds no personal identity number.</summary>
public sealed record PathwayRecord(
    int RowNumber,
    string RegionCode,
    string PersonKey,
    Sex Sex,
    int BirthYear,
    int Age,
    string SvfCode,
    DateOnly SuspicionDate,
    DateOnly? FirstVisitDate,
    DateOnly? TreatmentDecisionDate,
    DateOnly? TreatmentStartDate,
    string? TreatmentType,
    DateOnly? EndDate,
    PathwayOutcome Outcome,
    string? Icd10);
