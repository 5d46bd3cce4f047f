using System.Globalization;
using Svf.Domain;
using Svf.ReferenceData;
using C = Svf.Ingestion.SubmissionColumns;

namespace Svf.Ingestion;

/// <summary>
/// Checks one pathway row against the rules in docs/validation-rules.md and turns it into a pseudonymised record.
/// One validator per submission. Rows are checked one at a time and nothing is kept between them; duplicates across
/// rows are found by <see cref="DuplicatePathways"/>.
/// </summary>
internal sealed class PathwayValidator(
    ReferenceDataSet reference,
    Pseudonymizer pseudonymizer,
    string submissionRegion,
    ReportingPeriod period,
    DateOnly today,
    IssueCollector issues)
{
    /// <summary>Earliest accepted date: the first SVF were introduced in 2015.</summary>
    public static readonly DateOnly EarliestDate = new(2015, 1, 1);

    public PathwayRecord? Validate(RawPathwayRow raw)
    {
        var row = raw.Row;
        var errorsBefore = issues.ErrorCount;

        var region = Required(raw.Region, row, C.Region);
        if (region is not null)
        {
            if (!reference.RegionsByCode.ContainsKey(region))
            {
                issues.Error("region.unknown", row, C.Region, $"Okänd regionkod {Redaction.Quote(region)}. Använd tvåsiffrig länskod, t.ex. 01 för Stockholm.");
            }
            else if (region != submissionRegion)
            {
                issues.Error("region.other_region", row, C.Region,
                    $"Raden gäller region {region}, men inrapporteringen är för region {submissionRegion}. En region rapporterar bara sina egna rader.");
            }
        }

        PersonalIdentityNumber? pin = null;
        var pinText = Required(raw.PersonalId, row, C.PersonalId);
        if (pinText is not null)
        {
            // The clear value is never echoed: the message says what is wrong, not what was written.
            if (PersonalIdentityNumber.TryParse(pinText, today, out var parsed, out var why))
            {
                pin = parsed;
            }
            else
            {
                issues.Error("personal_id.invalid", row, C.PersonalId, $"Personnumret/samordningsnumret {why}.");
            }
        }

        Sex? sex = null;
        var sexText = Required(raw.Sex, row, C.Sex);
        if (sexText is not null)
        {
            if (SexCodes.TryParse(sexText, out var s))
            {
                sex = s;
            }
            else
            {
                issues.Error("sex.invalid", row, C.Sex, $"Okänt kön {Redaction.Quote(sexText)}. Använd M (man) eller K (kvinna).");
            }
        }

        var svf = Required(raw.Svf, row, C.Svf);
        if (svf is not null && !reference.SvfsByCode.ContainsKey(svf))
        {
            issues.Error("svf.unknown", row, C.Svf, $"Okänd SVF-kod {Redaction.Quote(svf)}. Se svf.csv för giltiga koder (t.ex. BROST, PROSTATA).");
            svf = null;
        }

        var start = RequiredDate(raw.SuspicionDate, row, C.SuspicionDate);
        var firstVisit = OptionalDate(raw.FirstVisitDate, row, C.FirstVisitDate);
        var decision = OptionalDate(raw.TreatmentDecisionDate, row, C.TreatmentDecisionDate);
        var treatmentStart = OptionalDate(raw.TreatmentStartDate, row, C.TreatmentStartDate);
        var end = OptionalDate(raw.EndDate, row, C.EndDate);

        if (start is { } st)
        {
            if (!period.Contains(st))
            {
                issues.Error("suspicion_date.outside_period", row, C.SuspicionDate,
                    $"Datum för välgrundad misstanke {Iso(st)} ligger utanför inrapporteringens period {period} ({Iso(period.Start)}–{Iso(period.End)}).");
            }
            NotBefore(firstVisit, st, row, C.FirstVisitDate, "första besök hos specialist");
            NotBefore(decision, st, row, C.TreatmentDecisionDate, "behandlingsbeslut");
            NotBefore(treatmentStart, st, row, C.TreatmentStartDate, "start av första behandling");
            NotBefore(end, st, row, C.EndDate, "avslut");
        }
        if (decision is { } dec && treatmentStart is { } ts && ts < dec)
        {
            issues.Error("date.treatment_before_decision", row, C.TreatmentStartDate,
                $"Start av första behandling ({Iso(ts)}) ligger före behandlingsbeslutet ({Iso(dec)}).");
        }

        var treatmentType = Trimmed(raw.TreatmentType);
        if (treatmentStart is not null && treatmentType is null)
        {
            issues.Error("treatment_type.missing", row, C.TreatmentType, "Behandlingstyp saknas. Den krävs när start av första behandling är angiven (den styr vilken ledtid som gäller).");
        }
        if (treatmentType is not null && svf is not null && !reference.IsKnownTreatment(svf, treatmentType))
        {
            issues.Error("treatment_type.unknown", row, C.TreatmentType,
                $"Okänd behandlingstyp {Redaction.Quote(treatmentType)} för SVF {svf}. Använd surgery, drug_therapy, radiotherapy, palliative_symptomatic, expectancy, other, no_further_action eller en mätpunkt för SVF:en i ledtider.csv.");
        }

        var outcome = PathwayOutcome.Ongoing;
        var outcomeText = Trimmed(raw.Outcome);
        if (outcomeText is not null && !PathwayOutcomeCodes.TryParse(outcomeText, out outcome))
        {
            issues.Error("outcome.invalid", row, C.Outcome, $"Okänt utfall {Redaction.Quote(outcomeText)}. Använd cancer_confirmed, cancer_not_confirmed, other eller lämna tomt för pågående förlopp.");
        }
        CheckOutcome(outcome, outcomeText is null, treatmentStart, end, row);

        string? icd = null;
        var icdText = Trimmed(raw.Icd10);
        if (icdText is not null)
        {
            if (!IcdCode.TryNormalize(icdText, out var normalized))
            {
                issues.Error("icd10.invalid", row, C.Icd10, $"{Redaction.Quote(icdText)} är ingen ICD-10-kod (förväntat t.ex. C50.9).");
            }
            else
            {
                icd = normalized;
                if (svf is not null && reference.SvfsByCode[svf] is { HasIcdList: true } def && !IcdCode.InList(icd, def.IcdCodes))
                {
                    issues.Warning("icd10.not_in_svf", row, C.Icd10, $"Diagnosen {icd} hör inte till SVF {svf} ({def.IcdText}). Kontrollera SVF eller diagnos.");
                }
            }
        }
        else if (outcome == PathwayOutcome.CancerConfirmed)
        {
            issues.Error("icd10.missing", row, C.Icd10, "Diagnos (ICD-10) saknas. Den krävs när cancer är bekräftad.");
        }

        var birthYear = pin?.BirthDate.Year;
        var birthYearText = Trimmed(raw.BirthYear);
        if (birthYearText is not null)
        {
            if (!int.TryParse(birthYearText, NumberStyles.None, CultureInfo.InvariantCulture, out var by) || by < 1890 || by > today.Year)
            {
                issues.Error("birth_year.invalid", row, C.BirthYear, $"Födelseår {Redaction.Quote(birthYearText)} är inte ett rimligt årtal.");
            }
            else if (pin is not null && by != pin.Value.BirthDate.Year)
            {
                issues.Error("birth_year.mismatch", row, C.BirthYear, "Födelseåret stämmer inte med personnumret.");
            }
        }

        if (issues.ErrorCount > errorsBefore || pin is not { } p || sex is not { } sx || svf is null || start is not { } s0 || region is null)
        {
            return null;
        }

        if (p.ImpliedSex != sx)
        {
            issues.Warning("sex.differs_from_personal_id", row, C.Sex, "Angivet kön skiljer sig från personnumrets könssiffra. Kontrollera (kan vara korrekt).");
        }
        if (p.BirthDate > s0)
        {
            issues.Error("personal_id.born_after_start", row, C.PersonalId, "Personnumrets födelsedatum ligger efter datum för välgrundad misstanke. Kontrollera personnummer och datum.");
            return null;
        }
        var age = p.AgeAt(s0);
        if (age < 18)
        {
            issues.Warning("age.under_18", row, C.PersonalId, $"Patienten var {age} år vid välgrundad misstanke. SVF startas inte för barn och unga under 18 år.");
        }
        if (reference.SvfsByCode[svf].YearIntroduced is { } intro && s0.Year < intro)
        {
            issues.Warning("svf.not_yet_introduced", row, C.Svf, $"SVF {svf} infördes {intro}, men förloppet startade {Iso(s0)}.");
        }

        var personKey = pseudonymizer.PersonKey(p.Normalized);
        return new PathwayRecord(row, region, personKey, sx, p.BirthDate.Year, age, svf, s0, firstVisit, decision, treatmentStart,
            treatmentType, end, outcome, icd);
    }

    private void CheckOutcome(PathwayOutcome outcome, bool outcomeMissing, DateOnly? treatmentStart, DateOnly? end, int row)
    {
        if (outcomeMissing)
        {
            if (treatmentStart is not null || end is not null)
            {
                issues.Error("outcome.missing", row, C.Outcome, "Utfall saknas, men förloppet har ett slutdatum. Ange cancer_confirmed, cancer_not_confirmed eller other.");
            }
            return;
        }
        if (outcome == PathwayOutcome.CancerConfirmed)
        {
            if (treatmentStart is null && end is null)
            {
                issues.Error("end.missing", row, C.TreatmentStartDate, "Cancer bekräftad men varken start av första behandling eller avslutsdatum är angivet.");
            }
        }
        else if (outcome is PathwayOutcome.CancerNotConfirmed or PathwayOutcome.Other)
        {
            if (treatmentStart is not null)
            {
                issues.Error("outcome.treatment_without_cancer", row, C.TreatmentStartDate, "Start av första behandling är angiven, men utfallet säger att cancer inte bekräftades. Ange cancer_confirmed eller ta bort behandlingsdatumet.");
            }
            if (end is null)
            {
                issues.Error("end_date.missing", row, C.EndDate, "Avslutsdatum saknas för ett förlopp som avslutats utan behandling.");
            }
        }
    }

    private string? Required(string? value, int row, string field)
    {
        var t = Trimmed(value);
        if (t is null)
        {
            issues.Error("field.missing", row, field, $"Fältet {field} är obligatoriskt men tomt.");
        }
        return t;
    }

    private DateOnly? RequiredDate(string? value, int row, string field) =>
        Required(value, row, field) is null ? null : OptionalDate(value, row, field);

    private DateOnly? OptionalDate(string? value, int row, string field)
    {
        var t = Trimmed(value);
        if (t is null)
        {
            return null;
        }
        if (!FieldParsing.TryDate(t, out var date))
        {
            issues.Error("date.invalid", row, field, $"{Redaction.Quote(t)} är inget giltigt datum. Använd ÅÅÅÅ-MM-DD.");
            return null;
        }
        if (date > today)
        {
            issues.Error("date.future", row, field, $"Datumet {Iso(date)} ligger i framtiden.");
            return null;
        }
        if (date < EarliestDate)
        {
            issues.Error("date.too_early", row, field, $"Datumet {Iso(date)} ligger före 2015, då de första SVF infördes.");
            return null;
        }
        return date;
    }

    private void NotBefore(DateOnly? date, DateOnly start, int row, string field, string what)
    {
        if (date is { } d && d < start)
        {
            issues.Error("date.before_start", row, field, $"Datum för {what} ({Iso(d)}) ligger före välgrundad misstanke ({Iso(start)}).");
        }
    }

    private static string? Trimmed(string? value)
    {
        var t = value?.Trim();
        return string.IsNullOrEmpty(t) ? null : t;
    }

    private static string Iso(DateOnly d) => Svf.Output.IsoDate.ToText(d);
}
