using Svf.Ingestion;
using Svf.Reconciliation;
using Svf.Tests.Support;

namespace Svf.Tests.Reconciliation;

public class SkrImportTests
{
    private const string Header = "region;svf;sex;period;started;completed;treated;within_limit;lead_time_median\n";

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_good_file_is_stored_as_the_current_version_and_the_same_file_again_changes_nothing(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var first = SkrTestData.Import(t.Db, SkrTestData.Agreeing);
        first.Status.ShouldBe(SubmissionStatus.Accepted);
        first.RowsStored.ShouldBe(3);
        var again = SkrTestData.Import(t.Db, SkrTestData.Agreeing);
        again.Unchanged.ShouldBeTrue();
        again.ImportId.ShouldBe(first.ImportId);
        var (import, figures) = SkrStore.Figures(t.Db, null, null);
        import!.Id.ShouldBe(first.ImportId!.Value);
        figures.Count.ShouldBe(3);
        figures[0].ShouldBe(new SkrFigure(2, "01", "BROST", "K", "2025-03", 5, 3, 3, 3, 24));
        figures[2].WithinLimit.ShouldBeNull();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_new_delivery_supersedes_the_old_one_which_stays_in_the_history(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var first = SkrTestData.Import(t.Db, SkrTestData.Agreeing);
        var second = SkrTestData.Import(t.Db, Header + "01;BROST;K;2025-03;6;3;3;3;24\n", "skr-v2.csv");
        second.Supersedes.ShouldBe([first.ImportId!.Value]);
        second.VersionNumber.ShouldBe(2);
        var imports = SkrStore.Imports(t.Db);
        imports.Select(i => (i.Id, i.IsCurrent)).ShouldBe([(first.ImportId!.Value, false), (second.ImportId!.Value, true)]);
        SkrStore.Figures(t.Db, null, null).Figures.ShouldHaveSingleItem().Started.ShouldBe(6);
        SkrStore.Figures(t.Db, first.ImportId, null).Figures.Count.ShouldBe(3);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_file_with_one_bad_row_stores_nothing_and_the_current_version_stays(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var good = SkrTestData.Import(t.Db, SkrTestData.Agreeing);
        var bad = SkrTestData.Import(t.Db, Header + "01;BROST;K;2025-03;6;3;3;3;24\n99;BROST;K;2025-03;1;1;1;1;1\n", "skr-bad.csv");
        bad.Status.ShouldBe(SubmissionStatus.Rejected);
        bad.RowsStored.ShouldBe(0);
        bad.Issues.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            i => i.Code.ShouldBe("region.unknown"), i => i.Row.ShouldBe(3), i => i.Field.ShouldBe("region"));
        bad.ToText().ShouldContain("FEL skr-bad.csv, rad 3, fält region: Okänd regionkod '99'");
        var (import, figures) = SkrStore.Figures(t.Db, null, null);
        import!.Id.ShouldBe(good.ImportId!.Value);
        figures.Count.ShouldBe(3);
        SkrStore.Imports(t.Db).Single(i => i.Id == bad.ImportId).Status.ShouldBe(SubmissionStatus.Rejected);
        SkrStore.Feedback(t.Db, bad.ImportId!.Value)!.ErrorCount.ShouldBe(1);
    }

    public static IEnumerable<object?[]> BadRows() => TestDatabases.OnBoth(
        ["01;BROST;K;2025-13;1;1;;;", "period.invalid", "period"],
        ["01;BROST;K;;1;1;;;", "period.missing", "period"],
        [";BROST;K;2025-03;1;1;;;", "region.missing", "region"],
        ["1;BROST;K;2025-03;1;1;;;", "region.unknown", "region"],
        ["01;;K;2025-03;1;1;;;", "svf.missing", "svf"],
        ["01;BROST;X;2025-03;1;1;;;", "sex.invalid", "sex"],
        ["01;BROST;K;2025-03;-1;1;;;", "number.invalid", "started"],
        ["01;BROST;K;2025-03;1 000;1;;;", "number.invalid", "started"],
        ["01;BROST;K;2025-03;1;1;2;3;", "count.within_exceeds_treated", "within_limit"],
        ["01;BROST;K;2025-03;1;1;;3;", "count.within_without_treated", "treated"],
        ["01;BROST;K;2025-03;1;1;2;1;tjugo", "number.invalid", "lead_time_median"],
        ["01;BROST;K;2025-03;1;1;2;1;2;9", "row.too_many_fields", null]);

    [DatabaseTheory, MemberData(nameof(BadRows))]
    public void Each_kind_of_bad_row_is_refused_naming_row_and_field(string provider, string row, string code, string? field)
    {
        using var t = TestDatabases.Create(provider);
        var feedback = SkrTestData.Import(t.Db, Header + row + "\n");
        feedback.Status.ShouldBe(SubmissionStatus.Rejected);
        feedback.Issues.ShouldContain(i => i.Code == code && i.Row == 2 && i.Field == field && i.Severity == IssueSeverity.Error);
        SkrStore.Figures(t.Db, null, null).Import.ShouldBeNull();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_repeated_cell_is_refused_pointing_at_the_first(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var feedback = SkrTestData.Import(t.Db, Header + "01;BROST;K;2025-03;1;1;;;\n01;BROST;k;2025-03;2;2;;;\n");
        feedback.Issues.ShouldHaveSingleItem().ShouldSatisfyAllConditions(i => i.Code.ShouldBe("row.duplicate"), i => i.Row.ShouldBe(3), i => i.Message.ShouldContain("rad 2"));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void An_unknown_svf_is_a_warning_and_the_row_is_kept(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var feedback = SkrTestData.Import(t.Db, Header + "01;BROSTCANCER;K;2025-03;1;1;;;\n01;TOTAL;TOTAL;2025;9;9;;;\n");
        feedback.Status.ShouldBe(SubmissionStatus.AcceptedWithWarnings);
        feedback.Issues.ShouldHaveSingleItem().Code.ShouldBe("svf.unknown");
        feedback.RowsStored.ShouldBe(2);
    }

    public static IEnumerable<object?[]> FileProblems() => TestDatabases.OnBoth(
        ["region;svf;sex;period;started\n01;BROST;K;2025-03;1\n", "header.missing_column"],
        ["region;svf;sex;period;started;completed\n", "file.no_rows"],
        ["region;svf;sex;period;started;completed\n01;BROST;K;\"2025-03;1;1\n", "file.malformed"]);

    [DatabaseTheory, MemberData(nameof(FileProblems))]
    public void File_level_problems_are_refused(string provider, string text, string code)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Import(t.Db, text).Issues.ShouldContain(i => i.Code == code);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_latin1_file_is_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var bytes = System.Text.Encoding.Latin1.GetBytes("region;svf;sex;period;started;completed\n01;BROST;K;2025-03;1;1\n01;Bröst;K;2025-04;1;1\n");
        var feedback = new SkrImporter(t.Db, Svf.ReferenceData.ReferenceDataSet.Embedded, FixedClock.Default).Import(new MemoryStream(bytes), "skr.csv", "a");
        feedback.Issues.ShouldContain(i => i.Code == "file.not_utf8");
        feedback.Status.ShouldBe(SubmissionStatus.Rejected);
    }
}
