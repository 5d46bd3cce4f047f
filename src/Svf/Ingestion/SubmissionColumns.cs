namespace Svf.Ingestion;

/// <summary>Column names of the submission formats (docs/submission-format.md). Stable: renaming one is a format version change.</summary>
public static class SubmissionColumns
{
    public const string FormatVersion = "1.0";

    public const string Region = "region";
    public const string PersonalId = "personal_id";
    public const string Sex = "sex";
    public const string BirthYear = "birth_year";
    public const string Svf = "svf";
    public const string SuspicionDate = "suspicion_date";
    public const string FirstVisitDate = "first_visit_date";
    public const string TreatmentDecisionDate = "treatment_decision_date";
    public const string TreatmentStartDate = "treatment_start_date";
    public const string TreatmentType = "treatment_type";
    public const string EndDate = "end_date";
    public const string Outcome = "outcome";
    public const string Icd10 = "icd10";

    public static readonly string[] PathwayRequired = [Region, PersonalId, Sex, Svf, SuspicionDate, Outcome];

    public static readonly string[] PathwayAll =
    [
        Region, PersonalId, Sex, BirthYear, Svf, SuspicionDate, FirstVisitDate, TreatmentDecisionDate,
        TreatmentStartDate, TreatmentType, EndDate, Outcome, Icd10,
    ];

    public const string Period = "period";
    public const string NewCases = "new_cases";

    /// <summary>Required columns of a new-cases file; <see cref="Sex"/> is optional (empty = both sexes together).</summary>
    public static readonly string[] NewCasesRequired = [Region, Svf, Period, NewCases];

    public static readonly string[] NewCasesAll = [Region, Svf, Period, Sex, NewCases];
}
