using System.Globalization;
using System.Text;
using Svf.Domain;
using Svf.Ingestion;
using Svf.Output;
using Svf.Storage;
using Svf.Tests.Support;
using C = Svf.Ingestion.SubmissionColumns;
using static Svf.Tests.Support.TestSubmissions;

namespace Svf.Tests.Ingestion;

/// <summary>
/// Faults found by sending bad input (issue 10 §3): each test failed before its fix. Storage is involved, so they run on
/// SQLite and PostgreSQL.
/// </summary>
public class IngestFaultTests
{
    private static readonly ReportingPeriod Year2025 = ReportingPeriod.Parse("2025");

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private static long Count(SvfDatabase db, string table)
    {
        using var c = db.OpenConnection();
        return Convert.ToInt64(SvfDatabase.Scalar(c, null, $"SELECT COUNT(*) FROM {table}"), CultureInfo.InvariantCulture);
    }

    /// <summary>All text the database holds about submissions: feedback, audit details, file names.</summary>
    private static string StoredText(SvfDatabase db)
    {
        using var c = db.OpenConnection();
        var text = new StringBuilder();
        foreach (var sql in new[] { "SELECT feedback_json FROM submissions", "SELECT file_name FROM submissions", "SELECT detail FROM audit_log" })
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

    /// <summary>The pathway line of <see cref="CsvBuilder.ValidRow"/>, in the column order of the format.</summary>
    private static string Line(Action<Dictionary<string, string>>? change = null)
    {
        var row = CsvBuilder.ValidRow();
        change?.Invoke(row);
        return string.Join(';', C.PathwayAll.Select(c => row[c]));
    }

    private static string Header => string.Join(';', C.PathwayAll);

    // ---- 3. Personal numbers written with separators inside the date ----

    public static readonly string[] SeparatedNumbers = ["1958-03-27-3712", "1958 03 27 3712", "58 03 27-3712"];

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_personal_number_with_separators_in_the_date_is_not_echoed_from_any_field(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var fields = new[] { C.Region, C.Sex, C.Svf, C.SuspicionDate, C.TreatmentType, C.Outcome, C.Icd10, C.BirthYear };
        var lines = new List<string> { Header + ";" + SeparatedNumbers[1] }; // and as an unknown column's name
        foreach (var number in SeparatedNumbers)
        {
            foreach (var field in fields)
            {
                lines.Add(Line(r => r[field] = number) + ";");
            }
        }
        var report = Service(t.Db).SubmitPathways(Utf8(string.Join('\n', lines) + "\n"), $"lista {SeparatedNumbers[0]}.csv", "01", Year2025, "t");

        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.RowsRead.ShouldBe(3 * fields.Length);
        // Every field's error is there, row by row (rows 2..25), so the value was looked at, but never shown.
        foreach (var (field, i) in fields.Select((f, i) => (f, i)))
        {
            report.Issues.ShouldContain(x => x.Row == 2 + i && x.Field == field, field);
        }
        var letter = report.ToText();
        var stored = StoredText(t.Db);
        foreach (var shown in new[] { letter, stored, report.ToJson() })
        {
            shown.ShouldNotContain("3712");
            shown.ShouldNotContain("03 27");
            shown.ShouldNotContain("03-27");
        }
        letter.ShouldContain(Redaction.Hidden);
        letter.ShouldContain($"lista {Redaction.MaskedNumber}.csv");
    }

    [Fact]
    public void Masking_recognises_separators_inside_the_date_but_leaves_dates_and_periods()
    {
        foreach (var number in SeparatedNumbers)
        {
            Redaction.MaskNumbers($"x {number} y").ShouldBe($"x {Redaction.MaskedNumber} y");
            Redaction.Quote(number).ShouldBe(Redaction.Hidden);
            PersonalIdentityNumber.WrittenShape().IsMatch(number).ShouldBeTrue(number);
        }
        Redaction.MaskNumbers("19580327-3712, 580327+3712, 195803273712").ShouldBe(string.Join(", ", Enumerable.Repeat(Redaction.MaskedNumber, 3)));
        // The messages' own dates and periods stay readable.
        const string message = "Datum 2025-03-03 ligger utanför perioden 2025 (2025-01-01–2025-12-31); rad 12345; SVF infördes 2016.";
        Redaction.MaskNumbers(message).ShouldBe(message);
        Redaction.Quote("2025-13-01").ShouldBe("'2025-13-01'");
    }

    // ---- 4. A row cut off at a field boundary ----

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_pathway_row_with_fewer_fields_than_the_header_is_an_error_naming_the_row(string provider)
    {
        using var t = TestDatabases.Create(provider);
        // Row 3 is a treated pathway cut off after first_visit_date: what is left reads as a valid ongoing pathway.
        var cut = string.Join(';', Line().Split(';').Take(7));
        var text = $"{Header}\n{Line()}\n{cut}\n{Line()}\n";
        var report = Service(t.Db).SubmitPathways(Utf8(text), "a.csv", "01", Year2025, "t");

        report.Status.ShouldBe(SubmissionStatus.Rejected);
        var issue = report.Issues.Single(i => i.Severity == IssueSeverity.Error);
        issue.Code.ShouldBe("row.too_few_fields");
        issue.Row.ShouldBe(3);
        issue.Message.ShouldContain("7 fält men rubrikraden har 13");
        issue.Message.ShouldContain(C.TreatmentDecisionDate);
        report.RowsRead.ShouldBe(3);
        Count(t.Db, "pathways").ShouldBe(0);
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_new_cases_row_with_fewer_fields_than_the_header_is_an_error_naming_the_row(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = "region;svf;period;sex;new_cases\n01;BROST;2025;;83\n01;PROSTATA;2025;\n";
        var report = Service(t.Db).SubmitNewCases(Utf8(text), "n.csv", "01", Year2025, "t");

        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.Single(i => i.Severity == IssueSeverity.Error).ShouldSatisfyAllConditions(
            i => i.Code.ShouldBe("row.too_few_fields"),
            i => i.Row.ShouldBe(3));
        Count(t.Db, "new_cases").ShouldBe(0);
    }

    // ---- 5. Duplicates found without keeping every row in memory ----

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Duplicates_name_the_first_row_also_in_a_file_with_other_errors(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var pinA = TestPins.Make("19500601", "002");
        var pinB = TestPins.Make("19500602", "002");
        var text = new CsvBuilder()
            .Row(r => r[C.PersonalId] = pinA)                                  // row 2
            .Row()                                                             // row 3
            .Row(r => r[C.SuspicionDate] = "2025-02-30")                       // row 4: an error of its own
            .Row(r => r[C.PersonalId] = pinB)                                  // row 5
            .Row(r => r[C.PersonalId] = pinA)                                  // row 6: repeats row 2
            .Row(r => { r[C.PersonalId] = pinA; r[C.SuspicionDate] = "2025-03-04"; }) // row 7: another date, not a duplicate
            .Row(r => r[C.PersonalId] = pinB)                                  // row 8: repeats row 5
            .Row(r => r[C.PersonalId] = pinA)                                  // row 9: repeats row 2 again
            .Text();
        var report = Service(t.Db).SubmitPathways(Utf8(text), "a.csv", "01", Year2025, "t");

        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.Where(i => i.Code == "row.duplicate").Select(i => (i.Row, i.Message)).ShouldBe(
        [
            (6, "Dubblett av rad 2: samma person, SVF och datum för välgrundad misstanke."),
            (8, "Dubblett av rad 5: samma person, SVF och datum för välgrundad misstanke."),
            (9, "Dubblett av rad 2: samma person, SVF och datum för välgrundad misstanke."),
        ]);
        report.Issues.ShouldContain(i => i.Code == "date.invalid" && i.Row == 4);
        report.ErrorCount.ShouldBe(4);
        Count(t.Db, "pathways").ShouldBe(0);
    }

    [Fact]
    public void The_duplicate_filter_has_a_fixed_size_and_finds_a_repeat()
    {
        var pseudonymizer = TestKeys.Pseudonymizer();
        var filter = new DuplicatePathways(expectedRows: 20_000_000);
        filter.Add(Record(1));
        filter.PossiblyAny.ShouldBeFalse();
        for (var i = 2; i <= 20_000; i++)
        {
            filter.Add(Record(i));
        }
        filter.PossiblyAny.ShouldBeFalse(); // 20 000 different keys in 2^27 bits: a false "possibly seen" has a chance under 10^-6
        filter.Add(Record(777));
        filter.PossiblyAny.ShouldBeTrue();
        new DuplicatePathways(expectedRows: long.MaxValue / 1024).ShouldNotBeNull(); // capped at 16 MB, whatever the estimate

        PathwayRecord Record(int i) => new(i, "01", pseudonymizer.PersonKey(i.ToString("D12", CultureInfo.InvariantCulture)), Sex.Female, 1950, 75, "BROST",
            new DateOnly(2025, 3, 3), null, null, null, null, null, PathwayOutcome.Ongoing, null);
    }

    // ---- 6. Clear messages with the right row ----

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void An_empty_file_says_it_is_empty(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var service = Service(t.Db);
        foreach (var report in new[]
                 {
                     service.SubmitPathways(new MemoryStream(), "tom.csv", "01", Year2025, "t"),
                     service.SubmitNewCases(new MemoryStream(), "tom2.csv", "01", Year2025, "t"),
                 })
        {
            report.Status.ShouldBe(SubmissionStatus.Rejected);
            var issue = report.Issues.ShouldHaveSingleItem();
            issue.Code.ShouldBe("file.empty");
            issue.Row.ShouldBe(0);
            issue.Message.ShouldStartWith("Filen är tom (0 byte)");
            report.RowsRead.ShouldBe(0);
        }
        var blank = service.SubmitPathways(Utf8("\uFEFF \r\n\r\n"), "blank.csv", "01", Year2025, "t");
        blank.Issues.ShouldHaveSingleItem().Code.ShouldBe("file.empty");
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_field_over_the_length_limit_names_row_and_field(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = $"{Header}\n{Line()}\n{Line(r => r[C.Icd10] = "C50.9" + new string(' ', 10) + new string('x', 300))}\n{Line()}\n";
        var report = Service(t.Db).SubmitPathways(Utf8(text), "a.csv", "01", Year2025, "t");

        var issue = report.Issues.Single(i => i.Severity == IssueSeverity.Error);
        issue.Code.ShouldBe("field.too_long");
        issue.Row.ShouldBe(3);
        issue.Field.ShouldBe(C.Icd10);
        issue.Message.ShouldContain("längre än 255 tecken");
        report.RowsRead.ShouldBe(3);
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_row_too_long_to_read_names_row_and_field_and_memory_does_not_grow_for_it(string provider)
    {
        using var t = TestDatabases.Create(provider);
        // Row 4 opens a quote in treatment_type that swallows 100 000 characters: more than the reader's fixed buffer.
        var text = $"{Header}\n{Line()}\n{Line()}\n{Line(r => r[C.TreatmentType] = "\"surgery" + new string('x', 100_000))}\n{Line()}\n";
        var report = Service(t.Db).SubmitPathways(Utf8(text), "a.csv", "01", Year2025, "t");

        report.Status.ShouldBe(SubmissionStatus.Rejected);
        var issue = report.Issues.Single(i => i.Severity == IssueSeverity.Error);
        issue.Code.ShouldBe("field.too_long");
        issue.Row.ShouldBe(4);
        issue.Field.ShouldBe(C.TreatmentType);
        issue.Message.ShouldContain($"längre än {SwedishFormat.Number(65_536)} tecken"); // Swedish digit grouping
        report.RowsRead.ShouldBe(2);
        report.ToText().ShouldContain("Rader lästa: 2,");
    }

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_malformed_row_number_points_at_the_record_and_rows_read_counts_the_rows_checked(string provider)
    {
        using var t = TestDatabases.Create(provider);
        // Rows: 2 valid; 3 blank; 4 with a quoted line break in icd10 (one record on two physical lines); 5 with an
        // invalid date; 6 valid; 7 an unclosed quote. Physical line of row 7: 8. The reader's own number: 6.
        var text = $"{Header}\n{Line()}\n\n{Line(r => r[C.Icd10] = "\"C50.9\n\"")}\n{Line(r => r[C.SuspicionDate] = "2025-02-30")}\n{Line()}\n01;\"1950;K\n";
        var report = Service(t.Db).SubmitPathways(Utf8(text), "a.csv", "01", Year2025, "t");

        report.Status.ShouldBe(SubmissionStatus.Rejected);
        report.Issues.Select(i => (i.Code, i.Row)).ShouldBe([("date.invalid", 5), ("file.malformed", 7)]);
        report.RowsRead.ShouldBe(4); // rows 2, 4, 5 and 6; the blank row 3 is not a row of data
        report.ToText().ShouldContain("Rader lästa: 4, lagrade: 0, fel: 2");
        Count(t.Db, "pathways").ShouldBe(0);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Rows_read_counts_the_rows_checked_in_an_accepted_file(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = $"{Header}\n{Line()}\n\n;;;;;;;;;;;;\n{Line()}\n  \n";
        var report = Service(t.Db).SubmitPathways(Utf8(text), "a.csv", "01", Year2025, "t");
        report.ErrorCount.ShouldBe(0);
        report.RowsRead.ShouldBe(2);
        report.RowsStored.ShouldBe(2);
        report.ToText().ShouldContain("Rader lästa: 2, lagrade: 2");
    }

    // ---- 8. Control characters in a file name ----

    [DatabaseTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_line_break_in_a_file_name_cannot_forge_a_line_in_history_audit_or_letter(string provider)
    {
        using var t = TestDatabases.Create(provider);
        const string forged = "a.csv\n  FEL a.csv, rad 2: påhittat fel [x]\r\n2026-01-01 00:00:00  admin  submission.withdrawn\u2028\u202Evsc.b";
        var report = Service(t.Db).SubmitPathways(new CsvBuilder().Rows(2).Stream(), forged, "01", Year2025, "t");

        var expected = "a.csv\uFFFD  FEL a.csv, rad 2: påhittat fel [x]\uFFFD\uFFFD2026-01-01 00:00:00  admin  submission.withdrawn\uFFFD\uFFFDvsc.b";
        report.FileName.ShouldBe(expected);
        SubmissionStore.History(t.Db).Single().FileName.ShouldBe(expected);
        AuditLog.Read(t.Db).ShouldContain(e => e.Action == "submission.accepted" && e.Detail.Contains(expected));
        AuditLog.Read(t.Db).ShouldAllBe(e => !e.Detail.Contains('\n') && !e.Detail.Contains('\r'));
        var letter = report.ToText().Split('\n');
        letter.ShouldNotContain(l => l.TrimStart().StartsWith("FEL", StringComparison.Ordinal));
        letter.ShouldNotContain(l => l.StartsWith("2026-01-01", StringComparison.Ordinal));
        StoredText(t.Db).ShouldNotContain("\u2028");
    }

    [Fact]
    public void Text_outputs_keep_values_stored_before_the_rule_to_one_line()
    {
        // On the way out too: a feedback report or a table cell that still holds a line break is printed on one line.
        var report = new FeedbackReport
        {
            Kind = SubmissionKind.Pathways, FileName = "x.csv\nFEL påhittad rad", RegionCode = "01", Period = "2025", Status = SubmissionStatus.Accepted,
            ReceivedAtUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Issues = [new ValidationIssue(IssueSeverity.Warning, "x", 2, "sex\nFEL", "meddelande\r\nFEL rad 9")],
        };
        var lines = report.ToText().Split(Environment.NewLine);
        lines.ShouldNotContain(l => l.StartsWith("FEL", StringComparison.Ordinal));
        lines.ShouldContain("Återkoppling på inrapportering: x.csv\uFFFDFEL påhittad rad");

        var table = new Svf.Cli.ConsoleTable("Fil", "Detalj");
        table.Add("a.csv\n2026-01-01 admin forged", "ok");
        table.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3); // header, rule, one row
        SafeText.OneLine("tab\there\u0085\u001B[31m").ShouldBe("tab\uFFFDhere\uFFFD\uFFFD[31m");
        SafeText.OneLine("Västra Götaland – ok").ShouldBe("Västra Götaland – ok");
    }
}
