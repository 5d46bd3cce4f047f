using Svf.Domain;

namespace Svf.Indicators;

/// <summary>The part of a stored pathway the indicator engine needs. No person key: indicators are aggregates.</summary>
public readonly record struct PathwayFact(
    string RegionCode,
    string SvfCode,
    Sex Sex,
    DateOnly SuspicionDate,
    DateOnly? TreatmentStartDate,
    string? TreatmentType,
    DateOnly? EndDate,
    PathwayOutcome Outcome)
{
    /// <summary>The date the pathway ended: start of first treatment, or the end date for other endings.</summary>
    public DateOnly? CompletedDate => TreatmentStartDate ?? (Outcome == PathwayOutcome.Ongoing ? null : EndDate);

    public int? LeadTimeDays => TreatmentStartDate is { } t ? t.DayNumber - SuspicionDate.DayNumber : null;
}

/// <summary>A new-cases figure (inclusion denominator) for one region, SVF and period; Sex null = both sexes together.</summary>
public readonly record struct NewCasesFact(string RegionCode, string SvfCode, ReportingPeriod Period, Sex? Sex, double NewCases);
