using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Tests.Support;
using C = Svf.Ingestion.SubmissionColumns;

namespace Svf.Tests.Ingestion;

/// <summary>Each class of bad input gives an error naming row, field and a code (docs/validation-rules.md).</summary>
public class ValidationTests
{
    private static readonly Pseudonymizer Pseudonymizer = TestKeys.Pseudonymizer();
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static (PathwayRecord? Record, IssueCollector Issues) Validate(Action<Dictionary<string, string>> change, string period = "2025")
    {
        var row = CsvBuilder.ValidRow();
        change(row);
        var issues = new IssueCollector();
        var v = new PathwayValidator(ReferenceDataSet.Embedded, Pseudonymizer, "01", ReportingPeriod.Parse(period), Today, issues);
        var raw = ToRaw(2, row);
        return (v.Validate(raw), issues);
    }

    internal static RawPathwayRow ToRaw(int line, Dictionary<string, string> r)
    {
        string? F(string c) => r.TryGetValue(c, out var v) && v.Length > 0 ? v : null;
        return new RawPathwayRow(line, F(C.Region), F(C.PersonalId), F(C.Sex), F(C.BirthYear), F(C.Svf), F(C.SuspicionDate), F(C.FirstVisitDate),
            F(C.TreatmentDecisionDate), F(C.TreatmentStartDate), F(C.TreatmentType), F(C.EndDate), F(C.Outcome), F(C.Icd10));
    }

    private static void ShouldFailWith((PathwayRecord? Record, IssueCollector Issues) result, string code, string field)
    {
        result.Record.ShouldBeNull();
        result.Issues.Listed.ShouldContain(i => i.Code == code && i.Field == field && i.Row == 2 && i.Severity == IssueSeverity.Error,
            string.Join("; ", result.Issues.Listed.Select(i => $"{i.Code}/{i.Field}")));
    }

    [Fact]
    public void Valid_row_passes_and_is_pseudonymised()
    {
        var row = CsvBuilder.ValidRow();
        var pin = row[C.PersonalId];
        var issues = new IssueCollector();
        var v = new PathwayValidator(ReferenceDataSet.Embedded, Pseudonymizer, "01", ReportingPeriod.Parse("2025"), Today, issues);
        var record = v.Validate(ToRaw(2, row))!;
        issues.ErrorCount.ShouldBe(0);
        record.PersonKey.Length.ShouldBe(32);
        record.PersonKey.ShouldNotContain(pin.Replace("-", "", StringComparison.Ordinal)[2..]);
        record.BirthYear.ShouldBe(1950);
        record.Age.ShouldBe(74);
        record.Outcome.ShouldBe(PathwayOutcome.CancerConfirmed);
    }

    [Fact]
    public void Check_digit_failure() => ShouldFailWith(Validate(r => r[C.PersonalId] = r[C.PersonalId][..^1] + (r[C.PersonalId][^1] == '9' ? '0' : (char)(r[C.PersonalId][^1] + 1))), "personal_id.invalid", C.PersonalId);

    [Fact]
    public void Error_message_never_contains_the_personal_number()
    {
        var bad = "19500505-0000";
        var (_, issues) = Validate(r => r[C.PersonalId] = bad);
        issues.Listed.ShouldAllBe(i => !i.Message.Contains("0505", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_region() => ShouldFailWith(Validate(r => r[C.Region] = "99"), "region.unknown", C.Region);

    [Fact]
    public void Another_regions_row() => ShouldFailWith(Validate(r => r[C.Region] = "03"), "region.other_region", C.Region);

    [Fact]
    public void Unknown_svf() => ShouldFailWith(Validate(r => r[C.Svf] = "BROSTCANCER"), "svf.unknown", C.Svf);

    [Fact]
    public void Malformed_icd() => ShouldFailWith(Validate(r => r[C.Icd10] = "50.9"), "icd10.invalid", C.Icd10);

    [Fact]
    public void Icd_outside_the_svf_list_is_a_warning()
    {
        var (record, issues) = Validate(r => r[C.Icd10] = "C61.9");
        record.ShouldNotBeNull();
        issues.Listed.ShouldContain(i => i.Code == "icd10.not_in_svf" && i.Severity == IssueSeverity.Warning);
    }

    [Fact]
    public void Future_date() => ShouldFailWith(Validate(r => r[C.TreatmentStartDate] = "2026-03-02"), "date.future", C.TreatmentStartDate);

    [Fact]
    public void Impossible_date() => ShouldFailWith(Validate(r => r[C.SuspicionDate] = "2025-02-30"), "date.invalid", C.SuspicionDate);

    [Fact]
    public void Treatment_before_suspicion() => ShouldFailWith(Validate(r => r[C.TreatmentStartDate] = "2025-03-02"), "date.before_start", C.TreatmentStartDate);

    [Fact]
    public void Treatment_before_decision() => ShouldFailWith(Validate(r => r[C.TreatmentDecisionDate] = "2025-03-28"), "date.treatment_before_decision", C.TreatmentStartDate);

    [Fact]
    public void Start_outside_the_submission_period() => ShouldFailWith(Validate(r => { }, period: "2025-H2"), "suspicion_date.outside_period", C.SuspicionDate);

    [Theory]
    [InlineData(C.PersonalId)]
    [InlineData(C.Sex)]
    [InlineData(C.Svf)]
    [InlineData(C.SuspicionDate)]
    [InlineData(C.Region)]
    public void Missing_required_field(string field) => ShouldFailWith(Validate(r => r[field] = ""), "field.missing", field);

    [Fact]
    public void Treatment_without_type() => ShouldFailWith(Validate(r => r[C.TreatmentType] = ""), "treatment_type.missing", C.TreatmentType);

    [Fact]
    public void Unknown_treatment_type() => ShouldFailWith(Validate(r => r[C.TreatmentType] = "laser"), "treatment_type.unknown", C.TreatmentType);

    [Fact]
    public void Svf_specific_endpoint_is_accepted()
    {
        var (record, issues) = Validate(r => { r[C.Svf] = "BUKSPOTT"; r[C.TreatmentType] = "surgery_basic_workup"; r[C.Icd10] = "C25.0"; });
        issues.ErrorCount.ShouldBe(0);
        record!.TreatmentType.ShouldBe("surgery_basic_workup");
    }

    [Fact]
    public void Confirmed_cancer_needs_a_diagnosis() => ShouldFailWith(Validate(r => r[C.Icd10] = ""), "icd10.missing", C.Icd10);

    [Fact]
    public void Not_confirmed_with_treatment_is_contradictory() =>
        ShouldFailWith(Validate(r => { r[C.Outcome] = "cancer_not_confirmed"; r[C.EndDate] = "2025-03-20"; }), "outcome.treatment_without_cancer", C.TreatmentStartDate);

    [Fact]
    public void Not_confirmed_needs_an_end_date() =>
        ShouldFailWith(Validate(r => { r[C.Outcome] = "cancer_not_confirmed"; r[C.TreatmentStartDate] = ""; r[C.TreatmentType] = ""; r[C.Icd10] = ""; }), "end_date.missing", C.EndDate);

    [Fact]
    public void Ended_pathway_needs_an_outcome() => ShouldFailWith(Validate(r => r[C.Outcome] = ""), "outcome.missing", C.Outcome);

    [Fact]
    public void Unknown_sex() => ShouldFailWith(Validate(r => r[C.Sex] = "X"), "sex.invalid", C.Sex);

    [Fact]
    public void Birth_year_must_match_the_personal_number() => ShouldFailWith(Validate(r => r[C.BirthYear] = "1951"), "birth_year.mismatch", C.BirthYear);

    [Fact]
    public void Sex_differing_from_the_personal_number_is_a_warning()
    {
        var (record, issues) = Validate(r => r[C.Sex] = "M");
        record.ShouldNotBeNull();
        issues.Listed.ShouldContain(i => i.Code == "sex.differs_from_personal_id" && i.Severity == IssueSeverity.Warning);
    }

    [Fact]
    public void Ongoing_pathway_is_valid()
    {
        var (record, issues) = Validate(r =>
        {
            r[C.Outcome] = ""; r[C.TreatmentStartDate] = ""; r[C.TreatmentType] = ""; r[C.TreatmentDecisionDate] = ""; r[C.Icd10] = "";
        });
        issues.ErrorCount.ShouldBe(0);
        record!.Outcome.ShouldBe(PathwayOutcome.Ongoing);
    }
}

public class ValidationRegressionTests
{
    [Fact]
    public void Person_born_after_the_suspicion_date_is_an_error()
    {
        var row = CsvBuilder.ValidRow();
        row[SubmissionColumns.PersonalId] = TestPins.Make("20250401", "002");
        var issues = new IssueCollector();
        var v = new PathwayValidator(ReferenceDataSet.Embedded, TestKeys.Pseudonymizer(), "01", ReportingPeriod.Parse("2025"), new DateOnly(2026, 3, 1), issues);
        v.Validate(ValidationTests.ToRaw(2, row)).ShouldBeNull();
        issues.Listed.ShouldContain(i => i.Code == "personal_id.born_after_start");
    }

    [Fact]
    public void Ten_digit_number_born_later_this_year_belongs_to_the_previous_century()
    {
        // Today 2026-03-01: 260615-xxxx cannot be born 2026-06-15 (in the future), so it is 1926-06-15.
        var nine = "260615002";
        PersonalIdentityNumber.TryParse($"260615-002{PersonalIdentityNumber.CheckDigit(nine)}", new DateOnly(2026, 3, 1), out var pin, out var error).ShouldBeTrue(error);
        pin.BirthDate.ShouldBe(new DateOnly(1926, 6, 15));
        nine = "260215002";
        PersonalIdentityNumber.TryParse($"260215-002{PersonalIdentityNumber.CheckDigit(nine)}", new DateOnly(2026, 3, 1), out pin, out _).ShouldBeTrue();
        pin.BirthDate.ShouldBe(new DateOnly(2026, 2, 15));
    }
}
