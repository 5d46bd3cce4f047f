using System.Text;
using Svf.Domain;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.EndToEnd;

/// <summary>
/// From the regions' files to the indicator table through the real ingestion and database, on both providers. The files
/// hold the hand-worked case of IndicatorEngineTests, so the expected values are the ones worked out there.
/// </summary>
public class FileToIndicatorsTests
{
    private static string Pin(string birth, string serial3) => TestPins.Make(birth, serial3);

    // Columns: region;personal_id;sex;birth_year;svf;suspicion_date;first_visit_date;treatment_decision_date;treatment_start_date;treatment_type;end_date;outcome;icd10
    private static readonly string Stockholm = string.Join('\n',
        "region;personal_id;sex;birth_year;svf;suspicion_date;first_visit_date;treatment_decision_date;treatment_start_date;treatment_type;end_date;outcome;icd10",
        $"01;{Pin("19600101", "002")};K;;BROST;2025-01-10;;;2025-02-04;surgery;;cancer_confirmed;C50.9",
        $"01;{Pin("19600102", "002")};K;;BROST;2025-01-20;;;2025-03-01;surgery;;cancer_confirmed;C50.4",
        $"01;{Pin("19600103", "002")};K;;BROST;2025-02-01;;;2025-04-05;drug_therapy;;cancer_confirmed;C50.9",
        $"01;{Pin("19600104", "001")};M;;BROST;2025-03-01;;;2025-04-25;surgery;;cancer_confirmed;C50.9",
        $"01;{Pin("19600105", "002")};K;;BROST;2025-03-01;2025-03-05;;;;2025-03-15;cancer_not_confirmed;",
        $"01;{Pin("19600106", "002")};K;;BROST;2025-12-20;;;;;;;",
        $"01;{Pin("19600107", "001")};M;;OSPECIFIKA;2025-06-01;;;2025-06-15;end_of_pathway;;cancer_confirmed;C80.9") + "\n";

    private static readonly string Gotland =
        "region;personal_id;sex;birth_year;svf;suspicion_date;first_visit_date;treatment_decision_date;treatment_start_date;treatment_type;end_date;outcome;icd10\n" +
        $"09;{Pin("19700101", "002")};K;1970;BROST;2025-05-01;;;2025-05-31;radiotherapy;;cancer_confirmed;C50.9\n";

    private static MemoryStream Utf8(string s) => new(Encoding.UTF8.GetBytes(s));

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Files_in_indicators_out(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = new SubmissionService(t.Db, ReferenceDataSet.Embedded, TestKeys.Pseudonymizer(), FixedClock.Default);
        var year = ReportingPeriod.Parse("2025");
        service.SubmitPathways(Utf8(Stockholm), "pathways-01.csv", "01", year, "e2e").ErrorCount.ShouldBe(0);
        service.SubmitPathways(Utf8(Gotland), "pathways-09.csv", "09", year, "e2e").ErrorCount.ShouldBe(0);
        service.SubmitNewCases(Utf8("region;svf;period;new_cases\n01;BROST;2025;8\n"), "nc-01.csv", "01", year, "e2e").ErrorCount.ShouldBe(0);
        service.SubmitNewCases(Utf8("region;svf;period;new_cases\n09;BROST;2025-H1;2,0\n"), "nc-09.csv", "09", year, "e2e").ErrorCount.ShouldBe(0);

        var rows = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions())
            .Compute(IndicatorSource.Pathways(t.Db), IndicatorSource.NewCases(t.Db), new IndicatorQuery(PeriodKind.Year, year));
        var breast = rows.Single(r => r.UnitCode == "SE" && r.Svf == "BROST" && r.Sex == IndicatorEngine.BothSexes);
        breast.Started.ShouldBe(7);
        breast.Completed.ShouldBe(6);
        breast.Treated.ShouldBe(5);
        breast.LeadTimeMedian.ShouldBe(40);
        breast.LeadTimeP80!.Value.ShouldBe(56.6, 1e-9);
        breast.WithinLimitShare.ShouldBe(0.4);
        breast.OverLimit50.ShouldBe(2);
        breast.OverLimit75.ShouldBe(1);
        breast.InclusionRate.ShouldBe(0.5);
        var total = rows.Single(r => r.UnitCode == "SE" && r.Svf == IndicatorEngine.AllSvf && r.Sex == IndicatorEngine.BothSexes);
        total.Treated.ShouldBe(6);
        total.WithinLimitShare.ShouldBe(0.5);
        rows.Single(r => r.UnitCode == "09" && r.Svf == "BROST" && r.Sex == "K").LeadTimeMedian.ShouldBe(30);
    }
}
