using Svf.Analysis;
using Svf.Domain;
using Svf.Ingestion;
using Svf.Tests.Support;

namespace Svf.Tests.Analysis;

/// <summary>The analyses' own query reads the segment dates of current submissions, on SQLite and PostgreSQL alike.</summary>
public class TreatedPathwaySourceTests
{
    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Treated_pathways_come_back_with_their_segment_dates(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var csv = new CsvBuilder()
            .Row()                                                             // 2 + 15 + 7 days
            .Row(r => { r[SubmissionColumns.FirstVisitDate] = ""; r[SubmissionColumns.Sex] = "M"; })
            .Row(r =>
            {
                r[SubmissionColumns.TreatmentStartDate] = r[SubmissionColumns.TreatmentDecisionDate] = r[SubmissionColumns.TreatmentType] = "";
                r[SubmissionColumns.Outcome] = "cancer_not_confirmed";
                r[SubmissionColumns.Icd10] = "";
                r[SubmissionColumns.EndDate] = "2025-03-20";
            });
        var feedback = TestSubmissions.Service(t.Db).SubmitPathways(csv.Stream(), "p.csv", "01", ReportingPeriod.Parse("2025"), "t");
        feedback.ErrorCount.ShouldBe(0, feedback.ToText());

        var rows = TreatedPathwaySource.Read(t.Db, ReportingPeriod.Parse("2025")).OrderBy(p => p.Sex).ToList();
        rows.Count.ShouldBe(2);
        rows[0].Sex.ShouldBe(Sex.Male);
        rows[0].FirstVisitDate.ShouldBeNull();
        rows[0].Segments().ShouldBeNull();
        rows[1].ShouldBe(new TreatedPathway("01", "BROST", Sex.Female, new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 5), new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 27), "surgery"));
        rows[1].Segments().ShouldBe((2, 15, 7));
        rows[1].LeadTimeDays.ShouldBe(24);
        TreatedPathwaySource.Read(t.Db, ReportingPeriod.Parse("2025-Q2")).ShouldBeEmpty();
    }
}
