using System.Text;
using Svf.Access;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;
using C = Svf.Ingestion.SubmissionColumns;
using static Svf.Tests.Support.TestSubmissions;

namespace Svf.Tests.Storage;

/// <summary>Storage behaviour, run against SQLite and a real PostgreSQL server.</summary>
public class SubmissionServiceTests
{
    private static readonly ReportingPeriod Year2025 = ReportingPeriod.Parse("2025");

    private static long CountRows(SvfDatabase db, string table)
    {
        using var c = db.OpenConnection();
        return Convert.ToInt64(SvfDatabase.Scalar(c, null, $"SELECT COUNT(*) FROM {table}"), System.Globalization.CultureInfo.InvariantCulture);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Accepted_file_is_stored_with_pseudonyms_only(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var csv = new CsvBuilder().Rows(3);
        var report = Service(t.Db).SubmitPathways(csv.Stream(), "/tmp/region01.csv", "01", Year2025, "test");
        report.Status.ShouldBe(SubmissionStatus.AcceptedWithWarnings); // completeness warnings: only BROST, only March
        report.ErrorCount.ShouldBe(0);
        report.RowsStored.ShouldBe(3);
        report.FileName.ShouldBe("region01.csv");
        report.SvfWithoutRows.ShouldContain("PROSTATA");
        report.MonthsWithoutRows.ShouldContain("2025-01");
        report.MonthsWithoutRows.ShouldNotContain("2025-03");
        CountRows(t.Db, "pathways").ShouldBe(3);

        var stored = PatientLevelQueries.CurrentPathways(t.Db, AccessScope.Region("coordinator", "01"), "01");
        stored.Count.ShouldBe(3);
        stored[0].SuspicionDate.ShouldBe(new DateOnly(2025, 3, 3));
        stored[0].TreatmentStartDate.ShouldBe(new DateOnly(2025, 3, 27));
        stored[0].PersonKey.Length.ShouldBe(32);
        // Nothing in the database holds the clear number.
        using var c = t.Db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null, "SELECT person_key FROM pathways");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            r.GetString(0).ShouldNotContain("195005");
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Rejected_file_stores_nothing_but_its_feedback(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var csv = new CsvBuilder().Rows(50, (i, r) =>
        {
            if (i == 40)
            {
                r[C.SuspicionDate] = "2025-13-01";
            }
        });
        var report = Service(t.Db).SubmitPathways(csv.Stream(), "bad.csv", "01", Year2025, "test");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.RowsRead.ShouldBe(50);
        report.RowsStored.ShouldBe(0);
        report.Issues.ShouldContain(i => i.Row == 42 && i.Field == C.SuspicionDate && i.Code == "date.invalid");
        CountRows(t.Db, "pathways").ShouldBe(0);
        var history = SubmissionStore.History(t.Db);
        history.Single().Status.ShouldBe(SubmissionStatus.Rejected);
        history.Single().IsCurrent.ShouldBeFalse();
        SubmissionStore.Feedback(t.Db, history.Single().Id)!.ErrorCount.ShouldBe(1);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Same_file_twice_changes_nothing(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var bytes = new CsvBuilder().Rows(5).Stream().ToArray();
        var service = Service(t.Db);
        var first = service.SubmitPathways(new MemoryStream(bytes), "a.csv", "01", Year2025, "test");
        var second = service.SubmitPathways(new MemoryStream(bytes), "a.csv", "01", Year2025, "test");
        second.Unchanged.ShouldBeTrue();
        second.SubmissionId.ShouldBe(first.SubmissionId);
        SubmissionStore.History(t.Db).Count.ShouldBe(1);
        CountRows(t.Db, "pathways").ShouldBe(5);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Corrected_file_supersedes_and_history_keeps_both(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = Service(t.Db);
        var first = service.SubmitPathways(new CsvBuilder().Rows(5).Stream(), "v1.csv", "01", Year2025, "test");
        var second = service.SubmitPathways(new CsvBuilder().Rows(7).Stream(), "v2.csv", "01", Year2025, "test");
        second.Supersedes.ShouldBe([first.SubmissionId!.Value]);
        second.VersionNumber.ShouldBe(2);
        var history = SubmissionStore.History(t.Db);
        history.Count.ShouldBe(2);
        history.Single(h => h.Id == first.SubmissionId).SupersededBy.ShouldBe(second.SubmissionId);
        history.Single(h => h.Id == first.SubmissionId).IsCurrent.ShouldBeFalse();
        CountRows(t.Db, "pathways").ShouldBe(12); // both versions kept
        IndicatorSource.Pathways(t.Db).Count().ShouldBe(7); // only the current one counts
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Yearly_file_supersedes_the_months_it_covers_and_partial_overlap_is_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = Service(t.Db);
        var march = service.SubmitPathways(new CsvBuilder().Rows(2).Stream(), "m.csv", "01", ReportingPeriod.Parse("2025-03"), "test");
        march.Status.ShouldNotBe(SubmissionStatus.Rejected);
        var q1 = service.SubmitPathways(new CsvBuilder().Rows(3).Stream(), "q1.csv", "01", ReportingPeriod.Parse("2025-Q1"), "test");
        q1.Supersedes.ShouldBe([march.SubmissionId!.Value]);
        var h1 = service.SubmitPathways(new CsvBuilder().Rows(1).Stream(), "h1.csv", "01", ReportingPeriod.Parse("2025-H1"), "test");
        h1.Supersedes.ShouldBe([q1.SubmissionId!.Value]);
        var march2 = service.SubmitPathways(new CsvBuilder().Rows(4).Stream(), "m2.csv", "01", ReportingPeriod.Parse("2025-03"), "test");
        march2.Status.ShouldBe(SubmissionStatus.Rejected);
        march2.Issues.Single().Code.ShouldBe("period.overlaps_current");
        IndicatorSource.Pathways(t.Db).Count().ShouldBe(1);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void New_cases_accept_decimal_comma_and_are_versioned(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = "region;svf;period;new_cases\n01;BROST;2025;123,5\n01;PROSTATA;2025-H1;40\n01;PROSTATA;2025-H2;41.5\n";
        var report = Service(t.Db).SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes(text)), "nc.csv", "01", Year2025, "test");
        report.ErrorCount.ShouldBe(0);
        report.RowsStored.ShouldBe(3);
        report.SvfWithoutRows.ShouldContain("LUNG");
        var facts = IndicatorSource.NewCases(t.Db).OrderBy(f => f.SvfCode).ThenBy(f => f.Period.Start).ToList();
        facts.Select(f => f.NewCases).ShouldBe([123.5, 40, 41.5]);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Region_user_cannot_read_another_regions_rows_and_the_attempt_is_audited(string provider)
    {
        using var t = TestDatabases.Create(provider);
        Service(t.Db).SubmitPathways(new CsvBuilder().Rows(2).Stream(), "a.csv", "01", Year2025, "test");
        Should.Throw<UnauthorizedAccessException>(() => PatientLevelQueries.CurrentPathways(t.Db, AccessScope.Region("kalle", "03"), "01"));
        Should.Throw<UnauthorizedAccessException>(() => PatientLevelQueries.CurrentPathways(t.Db, new AccessScope("analyst", null), "01"));
        PatientLevelQueries.CurrentPathways(t.Db, AccessScope.National("analyst", "kontroll av dubbletter"), "01").Count.ShouldBe(2);
        var audit = AuditLog.Read(t.Db);
        audit.ShouldContain(e => e.Action == "patient_level.denied" && e.Actor == "kalle");
        audit.ShouldContain(e => e.Action == "patient_level.read" && e.Actor == "analyst" && e.Detail.Contains("purpose: kontroll av dubbletter"));
        audit.ShouldContain(e => e.Action == "submission.accepted");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Missing_column_is_named_in_the_header_row(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var csv = new CsvBuilder().Columns(C.PathwayAll.Where(c => c != C.Svf).ToArray()).Rows(2);
        var report = Service(t.Db).SubmitPathways(csv.Stream(), "a.csv", "01", Year2025, "test");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "header.missing_column" && i.Row == 1 && i.Field == C.Svf);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Non_utf8_file_is_rejected_with_advice(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var latin1 = Encoding.Latin1.GetBytes(new CsvBuilder().Row(r => r[C.Icd10] = "C50.9 Bröst").Text());
        var report = Service(t.Db).SubmitPathways(new MemoryStream(latin1), "a.csv", "01", Year2025, "test");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "file.not_utf8");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Comma_separated_file_is_also_read(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var report = Service(t.Db).SubmitPathways(new CsvBuilder().Rows(2).Stream(','), "a.csv", "01", Year2025, "test");
        report.ErrorCount.ShouldBe(0);
        report.RowsStored.ShouldBe(2);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Thousands_of_bad_rows_give_a_bounded_report(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var csv = new CsvBuilder().Rows(3000, (_, r) => r[C.Svf] = "NOPE");
        var report = Service(t.Db).SubmitPathways(csv.Stream(), "a.csv", "01", Year2025, "test");
        report.ErrorCount.ShouldBe(3000);
        report.Issues.Count.ShouldBe(1000);
        report.IssuesTruncated.ShouldBeTrue();
        report.IssueCountByCode["svf.unknown"].ShouldBe(3000);
    }
}

public class SubmissionFileRegressionTests
{

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Overlapping_new_case_periods_for_one_svf_are_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = "region;svf;period;new_cases\n01;BROST;2025;100\n01;BROST;2025-H1;50\n";
        var report = Service(t.Db).SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes(text)), "nc.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "period.overlaps_row" && i.Row == 3 && i.Message.Contains("rad 2"));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Header_only_file_does_not_wipe_the_period(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = Service(t.Db);
        service.SubmitPathways(new CsvBuilder().Rows(3).Stream(), "a.csv", "01", ReportingPeriod.Parse("2025"), "t");
        var empty = service.SubmitPathways(new CsvBuilder().Stream(), "b.csv", "01", ReportingPeriod.Parse("2025"), "t");
        empty.Status.ShouldBe(SubmissionStatus.Rejected);
        empty.Issues.ShouldContain(i => i.Code == "file.no_rows");
        IndicatorSource.Pathways(t.Db).Count().ShouldBe(3);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Duplicate_header_column_is_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var columns = SubmissionColumns.PathwayAll.Append(SubmissionColumns.Sex).ToArray();
        var report = Service(t.Db).SubmitPathways(new CsvBuilder().Columns(columns).Rows(2).Stream(), "a.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "header.duplicate_column" && i.Field == "sex");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Unknown_region_in_new_cases_is_named_as_unknown(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = "region;svf;period;new_cases\n99;BROST;2025;100\n";
        var report = Service(t.Db).SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes(text)), "nc.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Issues.ShouldContain(i => i.Code == "region.unknown");
    }
}

public class NewCasesBySexTests
{
    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Figures_per_sex_make_inclusion_by_sex_computable(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = Service(t.Db);
        var year = ReportingPeriod.Parse("2025");
        // Four breast cancers in women (default rows are K) and one in a man.
        service.SubmitPathways(new CsvBuilder().Rows(4).Row(r => { r[SubmissionColumns.PersonalId] = TestPins.Next(Svf.Domain.Sex.Male); r[SubmissionColumns.Sex] = "M"; }).Stream(),
            "p.csv", "01", year, "t").ErrorCount.ShouldBe(0);
        var text = "region;svf;period;sex;new_cases\n01;BROST;2025;K;5\n01;BROST;2025;M;2\n";
        service.SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes(text)), "n.csv", "01", year, "t").ErrorCount.ShouldBe(0);
        var rows = new Svf.Indicators.IndicatorEngine(ReferenceDataSet.Embedded, new Svf.Indicators.IndicatorOptions())
            .Compute(IndicatorSource.Pathways(t.Db), IndicatorSource.NewCases(t.Db), new Svf.Indicators.IndicatorQuery(PeriodKind.Year, year));
        Svf.Indicators.IndicatorRow Row(string sex) => rows.Single(r => r.UnitCode == "01" && r.Svf == "BROST" && r.Sex == sex);
        Row("K").InclusionRate.ShouldBe(0.8);     // 4 / 5
        Row("M").InclusionRate.ShouldBe(0.5);     // 1 / 2
        Row("TOTAL").InclusionRate.ShouldBe(5.0 / 7);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_both_sexes_figure_beside_a_per_sex_figure_is_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = Service(t.Db);
        var text = "region;svf;period;sex;new_cases\n01;BROST;2025;;7\n01;BROST;2025-H1;K;5\n";
        var report = service.SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes(text)), "n.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Issues.ShouldContain(i => i.Code == "period.overlaps_row" && i.Row == 3);
    }
}

public class PersonalNumberLeakTests
{

    private static string Everything(SvfDatabase db)
    {
        using var c = db.OpenConnection();
        var text = new StringBuilder();
        foreach (var sql in new[] { "SELECT feedback_json FROM submissions", "SELECT detail FROM audit_log", "SELECT person_key FROM pathways" })
        {
            using var cmd = SvfDatabase.Command(c, null, sql);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                text.AppendLine(r.GetString(0));
            }
        }
        return text.ToString();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_shifted_row_does_not_put_the_personal_number_into_the_stored_feedback(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var pin = TestPins.Make("19580222", "622");
        // The region field is missing, so every value moves one column left: the personal number lands in "region".
        var line = string.Join(';', new[] { pin, "K", "", "BROST", "2025-03-03", "", "", "2025-03-27", "surgery", "", "cancer_confirmed", "C50.9", "" });
        var text = string.Join(';', SubmissionColumns.PathwayAll) + "\n" + line + "\n";
        var report = Service(t.Db).SubmitPathways(new MemoryStream(Encoding.UTF8.GetBytes(text)), "a.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "region.unknown" && i.Message.Contains(Redaction.Hidden));
        var stored = Everything(t.Db);
        stored.ShouldNotContain("580222");
        report.ToText().ShouldNotContain("580222");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_file_without_its_header_row_does_not_echo_the_first_row(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var body = new CsvBuilder().Rows(2).Text();
        var withoutHeader = body[(body.IndexOf('\n') + 1)..];
        var report = Service(t.Db).SubmitPathways(new MemoryStream(Encoding.UTF8.GetBytes(withoutHeader)), "a.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "header.missing_column");
        Everything(t.Db).ShouldNotContain("19500");
    }

    [Fact]
    public void Masking_catches_every_written_form_of_a_number()
    {
        Redaction.MaskNumbers("x 19580222-6224 y 580222-6224 z 195802226224 w 5802226224").ShouldBe(
            "x [personnummer dolt] y [personnummer dolt] z [personnummer dolt] w [personnummer dolt]");
        Redaction.MaskNumbers("rad 12345, 2025-03-03").ShouldBe("rad 12345, 2025-03-03");
    }
}

public class MalformedFileTests
{

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Unclosed_quote_is_a_rejected_submission_with_feedback(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = new CsvBuilder().Rows(2).Text() + "01;\"unterminated;K\n";
        var report = Service(t.Db).SubmitPathways(new MemoryStream(Encoding.UTF8.GetBytes(text)), "a.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "file.malformed");
        SubmissionStore.History(t.Db).Single().Status.ShouldBe(SubmissionStatus.Rejected);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Decimal_comma_in_a_comma_separated_file_is_not_silently_truncated(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var report = Service(t.Db).SubmitNewCases(new MemoryStream(Encoding.UTF8.GetBytes("region,svf,period,new_cases\n01,BROST,2025,83,6\n")),
            "n.csv", "01", ReportingPeriod.Parse("2025"), "t");
        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.ShouldContain(i => i.Code == "row.too_many_fields" && i.Row == 2);
    }
}

public class WithdrawTests
{
    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_withdrawn_submission_stops_counting_and_stays_in_the_history(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = Service(t.Db);
        var report = service.SubmitPathways(new CsvBuilder().Rows(3).Stream(), "a.csv", "01", ReportingPeriod.Parse("2025-03"), "t");
        IndicatorSource.Pathways(t.Db).Count().ShouldBe(3);

        SubmissionStore.Withdraw(t.Db, report.SubmissionId!.Value, "samordnare", "skickad för fel period");
        IndicatorSource.Pathways(t.Db).Count().ShouldBe(0);
        var h = SubmissionStore.History(t.Db).Single();
        h.Status.ShouldBe(SubmissionStatus.Withdrawn);
        h.IsCurrent.ShouldBeFalse();
        AuditLog.Read(t.Db).ShouldContain(e => e.Action == "submission.withdrawn" && e.Detail.Contains("skickad för fel period"));
        Should.Throw<ArgumentException>(() => SubmissionStore.Withdraw(t.Db, report.SubmissionId!.Value, "x", "igen"));

        // The period can be sent again afterwards, as version 2.
        service.SubmitPathways(new CsvBuilder().Rows(2).Stream(), "b.csv", "01", ReportingPeriod.Parse("2025-03"), "t").VersionNumber.ShouldBe(2);
    }
}
