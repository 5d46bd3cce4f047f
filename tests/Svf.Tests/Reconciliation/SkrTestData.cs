using System.Text;
using Svf.Domain;
using Svf.Ingestion;
using Svf.Reconciliation;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Reconciliation;

/// <summary>
/// A small hand-worked data set. Region 01, breast cancer, women: five pathways start in March 2025; three start treatment
/// on 27 March (24 days, within the 35-day limit), one on 12 April (40 days, over), one is ongoing. Region 03, prostate
/// cancer, men: two start 10 March and are treated 31 March (21 days). The cells are therefore
/// 01/BROST/K/2025-03: started 5, completed 3, treated 3, within 3, median 24;
/// 01/BROST/K/2025-04: started 0, completed 1, treated 1, within 0, median 40;
/// 03/PROSTATA/M/2025-03: started 2, completed 2, treated 2.
/// </summary>
internal static class SkrTestData
{
    public const string Agreeing =
        "region;svf;sex;period;started;completed;treated;within_limit;lead_time_median\n" +
        "01;BROST;K;2025-03;5;3;3;3;24\n" +
        "01;BROST;K;2025-04;0;1;1;0;40\n" +
        "03;PROSTATA;M;2025-03;2;2;2;;\n";

    public static void Submit(SvfDatabase db)
    {
        var service = TestSubmissions.Service(db);
        var year = ReportingPeriod.Parse("2025");
        var breast = new CsvBuilder()
            .Rows(3)
            .Row(r => { r[SubmissionColumns.TreatmentDecisionDate] = "2025-04-01"; r[SubmissionColumns.TreatmentStartDate] = "2025-04-12"; })
            .Row(r =>
            {
                r[SubmissionColumns.FirstVisitDate] = ""; r[SubmissionColumns.TreatmentDecisionDate] = ""; r[SubmissionColumns.TreatmentStartDate] = "";
                r[SubmissionColumns.TreatmentType] = ""; r[SubmissionColumns.Outcome] = ""; r[SubmissionColumns.Icd10] = "";
            });
        service.SubmitPathways(breast.Stream(), "pathways-01.csv", "01", year, "test").ErrorCount.ShouldBe(0);
        var prostate = new CsvBuilder()
            .Row(Prostate, "03")
            .Row(Prostate, "03");
        service.SubmitPathways(prostate.Stream(), "pathways-03.csv", "03", year, "test").ErrorCount.ShouldBe(0);
    }

    private static void Prostate(Dictionary<string, string> r)
    {
        r[SubmissionColumns.PersonalId] = TestPins.Next(Sex.Male);
        r[SubmissionColumns.Sex] = "M";
        r[SubmissionColumns.Svf] = "PROSTATA";
        r[SubmissionColumns.SuspicionDate] = "2025-03-10";
        r[SubmissionColumns.FirstVisitDate] = "2025-03-12";
        r[SubmissionColumns.TreatmentDecisionDate] = "2025-03-24";
        r[SubmissionColumns.TreatmentStartDate] = "2025-03-31";
        r[SubmissionColumns.Icd10] = "C61.9";
    }

    public static ImportFeedback Import(SvfDatabase db, string text, string fileName = "skr.csv") =>
        new SkrImporter(db, ReferenceDataSet.Embedded, FixedClock.Default).Import(new MemoryStream(Encoding.UTF8.GetBytes(text)), fileName, "analytiker");
}
