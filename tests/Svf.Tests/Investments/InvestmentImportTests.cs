using Svf.Ingestion;
using Svf.Investments;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Investments;

public class InvestmentImportTests
{
    private static string Replace(string from, string to) => InvestmentTestData.Vast2025.Replace(from, to, StringComparison.Ordinal);

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_good_report_is_stored_whole_and_read_back(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var feedback = InvestmentTestData.Import(t.Db, InvestmentTestData.Vast2025, actingRcc: "Vast");
        feedback.Status.ShouldBe(SubmissionStatus.AcceptedWithWarnings);
        feedback.Issues.ShouldHaveSingleItem().Code.ShouldBe("area.not_reported"); // rehabilitering
        feedback.RowsStored.ShouldBe(5);
        var report = InvestmentTestData.Service(t.Db).Current(InvestmentActor.Rcc("rcc-user", "Vast"), "Vast", 2025)!;
        report.Areas.Select(a => (a.Area, a.AmountPassedOn)).ShouldBe([("bild_funktionsmedicin", 3_000_000L), ("patologi", 10_000_000L)]);
        var p = report.Projects[0];
        p.ShouldSatisfyAllConditions(
            x => x.ProjectId.ShouldBe("VAST-PAT-01"), x => x.Regions.ShouldBe(["13"]), x => x.Amount.ShouldBe(6_000_000),
            x => x.StartDate.ShouldBe(new DateOnly(2025, 3, 1)), x => x.EndDate.ShouldBe(new DateOnly(2026, 2, 28)),
            x => x.AffectedSvf.ShouldBe(["BROST", "PROSTATA"]), x => x.GoodExample.ShouldBeTrue(), x => x.Status.ShouldBe("ongoing"));
        report.Projects[1].EndDate.ShouldBeNull();
        report.Projects[2].Results.ShouldBe("Väntetiden till MR halverad");
        AuditLog.Read(t.Db).ShouldContain(e => e.Action == "investments.accepted");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_same_report_as_json_is_stored_the_same_way(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var json = """
        {
          "format_version": "1.0",
          "areas": [
            { "area": "patologi", "criteria": "Ansökan", "amount_passed_on": 6000000 }
          ],
          "projects": [
            { "project_id": "VAST-PAT-01", "area": "patologi", "project_name": "Digital patologi i Halland", "responsible_unit": "Klinisk patologi",
              "regions": ["13"], "amount": 6000000, "start_date": "2025-03-01", "aim": "Kortare svarstider", "status": "ongoing",
              "affected_svf": ["BROST"], "good_example": true }
          ]
        }
        """;
        var feedback = InvestmentTestData.Import(t.Db, json, fileName: "vast-2025.json");
        feedback.ErrorCount.ShouldBe(0, string.Join("; ", feedback.Issues.Select(i => $"{i.Code} {i.Field}")));
        var report = InvestmentTestData.Service(t.Db).Current(InvestmentActor.National("analytiker"), "Vast", 2025)!;
        report.Projects.ShouldHaveSingleItem().ShouldSatisfyAllConditions(p => p.Regions.ShouldBe(["13"]), p => p.GoodExample.ShouldBeTrue(), p => p.AffectedSvf.ShouldBe(["BROST"]));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_json_error_names_the_element_and_field(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var feedback = InvestmentTestData.Import(t.Db, """{ "areas": [ { "area": "patologi", "criteria": "x", "amount_passed_on": "tio" } ] }""", fileName: "v.json");
        feedback.Issues.ShouldContain(i => i.Code == "amount_passed_on.invalid" && i.Row == 1 && i.Field == "areas[0].amount_passed_on");
        InvestmentTestData.Import(t.Db, "{ \"areas\": [ ", fileName: "v2.json").Issues.ShouldContain(i => i.Code == "json.invalid");
    }

    public static IEnumerable<object?[]> BadRows() => TestDatabases.OnBoth(
        ["area;patologi;Ansökan", "area;primarvard;Ansökan", "area.unknown", 2, "area"],
        ["area;patologi;Ansökan med bedömning av effekt på ledtider, fördelning efter befolkning;", "area;patologi;;", "criteria.missing", 2, "criteria"],
        [";10000000;;", ";10 000 000;;", "amount_passed_on.invalid", 2, "amount_passed_on"],
        ["Region Halland;13;", "Region Halland;99;", "regions.unknown", 3, "regions"],
        ["Region Halland;13;", "Region Halland;;", "regions.missing", 3, "regions"],
        [";6000000;2025-03-01;2026-02-28", ";6000000;2025-03-01;2024-02-28", "date.end_before_start", 3, "end_date"],
        [";6000000;2025-03-01;", ";6000000;1 mars;", "date.invalid", 3, "start_date"],
        [";ongoing;", ";pågår;", "status.invalid", 3, "status"],
        ["BROST,PROSTATA", "BROST,PROSTATACANCER", "svf.unknown", 3, "affected_svf"],
        ["VAST-PAT-02", "VAST-PAT-01", "project.duplicate", 4, "project_id"],
        ["BROST,PROSTATA;ja", "BROST,PROSTATA;kanske", "good_example.invalid", 3, "good_example"],
        [";6000000;", ";0;", "amount.invalid", 3, "amount"],
        ["project;patologi;;;VAST-PAT-02", "projekt;patologi;;;VAST-PAT-02", "row_type.invalid", 4, "row_type"],
        ["Digital patologi i Halland", "", "project_name.missing", 3, "project_name"]);

    [DatabaseTheory, MemberData(nameof(BadRows))]
    public void Each_kind_of_bad_row_rejects_the_file_naming_row_and_field(string provider, string from, string to, string code, int row, string field)
    {
        using var t = TestDatabases.Create(provider);
        var feedback = InvestmentTestData.Import(t.Db, Replace(from, to));
        feedback.Status.ShouldBe(SubmissionStatus.Rejected);
        feedback.Issues.ShouldContain(i => i.Code == code && i.Row == row && i.Field == field && i.Severity == IssueSeverity.Error,
            string.Join("; ", feedback.Issues.Select(i => $"{i.Code} r{i.Row} {i.Field}")));
        feedback.ToText().ShouldContain($"FEL vast-2025.csv, rad {row}, fält {field}: ");
        InvestmentTestData.Service(t.Db).Current(InvestmentActor.National("a"), "Vast", 2025).ShouldBeNull();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Projects_in_an_area_without_an_area_row_are_refused(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = string.Join('\n', InvestmentTestData.Vast2025.Split('\n').Where(l => !l.StartsWith("area;bild", StringComparison.Ordinal)));
        InvestmentTestData.Import(t.Db, text).Issues.ShouldContain(i => i.Code == "area.without_area_row" && i.Row == 5);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Warnings_do_not_stop_the_report(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var text = Replace("3000000;;;;;;;;;;;;\n", "3500000;;;;;;;;;;;;\n")             // passed on ≠ Σ projects
            .Replace("Klinisk patologi, Sahlgrenska;14;", "Klinisk patologi, Sahlgrenska;12;", StringComparison.Ordinal) // Skåne is in RCC Syd
            .Replace("completed;Väntetiden till MR halverad;", "completed;;", StringComparison.Ordinal);
        var feedback = InvestmentTestData.Import(t.Db, text);
        feedback.Status.ShouldBe(SubmissionStatus.AcceptedWithWarnings);
        feedback.Issues.Select(i => i.Code).Order(StringComparer.Ordinal).ShouldBe(
            ["area.amount_differs_from_projects", "area.not_reported", "regions.outside_rcc", "results.missing"]);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_new_version_supersedes_and_a_rejected_one_changes_nothing(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var first = InvestmentTestData.Import(t.Db, InvestmentTestData.Vast2025);
        InvestmentTestData.Import(t.Db, InvestmentTestData.Vast2025).Unchanged.ShouldBeTrue();
        var bad = InvestmentTestData.Import(t.Db, Replace(";ongoing;", ";pågår;"));
        bad.Status.ShouldBe(SubmissionStatus.Rejected);
        InvestmentTestData.Service(t.Db).Current(InvestmentActor.National("a"), "Vast", 2025)!.ImportId.ShouldBe(first.ImportId!.Value);
        var second = InvestmentTestData.Import(t.Db, Replace("Digital patologi i Halland", "Digital patologi i Halland och Borås"));
        second.Supersedes.ShouldBe([first.ImportId!.Value]);
        second.VersionNumber.ShouldBe(3);
        var current = InvestmentTestData.Service(t.Db).Current(InvestmentActor.National("a"), "Vast", 2025)!;
        current.ImportId.ShouldBe(second.ImportId!.Value);
        current.Projects[0].Name.ShouldBe("Digital patologi i Halland och Borås");
        InvestmentTestData.Service(t.Db).History(InvestmentActor.National("a"), 2025).Select(h => (h.VersionNumber, h.Status, h.IsCurrent))
            .ShouldBe([(1, SubmissionStatus.AcceptedWithWarnings, false), (2, SubmissionStatus.Rejected, false), (3, SubmissionStatus.AcceptedWithWarnings, true)]);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void An_rcc_user_can_import_and_read_only_its_own_rcc(string provider)
    {
        using var t = TestDatabases.Create(provider);
        Should.Throw<Svf.Application.AccessDeniedException>(() => InvestmentTestData.Import(t.Db, InvestmentTestData.Vast2025, actingRcc: "Syd"));
        InvestmentTestData.Import(t.Db, InvestmentTestData.Vast2025, actingRcc: "Vast").Accepted.ShouldBeTrue();
        var service = InvestmentTestData.Service(t.Db);
        Should.Throw<Svf.Application.AccessDeniedException>(() => service.Current(InvestmentActor.Rcc("syd-user", "Syd"), "Vast", 2025));
        service.History(InvestmentActor.Rcc("syd-user", "Syd")).ShouldBeEmpty();
        service.Lagesbild(InvestmentActor.Rcc("syd-user", "Syd"), 2025).Rows.ShouldAllBe(r => r.RccCode == "Syd");
        AuditLog.Read(t.Db).Count(e => e.Action.EndsWith(".refused", StringComparison.Ordinal)).ShouldBe(2);
    }
}
