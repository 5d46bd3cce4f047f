using Svf.Indicators;
using Svf.Reconciliation;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Reconciliation;

public class ReconciliationTests
{
    private static ReconciliationResult Reconcile(SvfDatabase db, string? region = null, ReconciliationTolerance? tolerance = null, bool all = false) =>
        new ReconciliationService(db, ReferenceDataSet.Embedded, new IndicatorOptions()).Reconcile("analytiker", region, tolerance, includeAgreeing: all);

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Figures_that_agree_give_no_differences(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        SkrTestData.Import(t.Db, SkrTestData.Agreeing);
        var r = Reconcile(t.Db, all: true);
        r.Summary.CellsMatched.ShouldBe(3);
        r.Summary.ValuesCompared.ShouldBe(13); // 5 + 5 + 3 figures given
        r.Summary.ValuesAgree.ShouldBe(13);
        r.Summary.ValuesDiffer.ShouldBe(0);
        r.Summary.OnlyOurs.ShouldBe(0);
        r.Summary.OnlySkr.ShouldBe(0);
        r.Summary.RegionsCompared.ShouldBe(2);
        r.Summary.RegionsFullyAgreeing.ShouldBe(2);
        r.Cells.Single(c => c.RegionCode == "01" && c.Period == "2025-03" && c.Measure == "lead_time_median").Ours.ShouldBe(24);
        r.Cells.Single(c => c.RegionCode == "01" && c.Period == "2025-04" && c.Measure == "within_limit").Ours.ShouldBe(0);
        Reconcile(t.Db).Cells.ShouldBeEmpty();
        r.Summary.TextSv.ShouldContain("Av 13 jämförda värden i 3 celler");
        r.Summary.TextSv.ShouldContain("stämmer helt för 2 av 2 regioner");
        AuditLog.Read(t.Db).ShouldContain(e => e.Action == "skr.reconciled" && e.Actor == "analytiker");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void One_cell_that_differs_beyond_the_tolerance_is_reported_with_both_figures(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        SkrTestData.Import(t.Db, SkrTestData.Agreeing.Replace("01;BROST;K;2025-03;5;3;3;3;24", "01;BROST;K;2025-03;9;3;3;3;24", StringComparison.Ordinal));
        var r = Reconcile(t.Db);
        var cell = r.Cells.ShouldHaveSingleItem();
        cell.ShouldSatisfyAllConditions(
            c => c.Status.ShouldBe(CellStatus.Differs), c => c.RegionCode.ShouldBe("01"), c => c.Svf.ShouldBe("BROST"), c => c.Sex.ShouldBe("K"),
            c => c.Period.ShouldBe("2025-03"), c => c.Measure.ShouldBe("started"), c => c.Ours.ShouldBe(5), c => c.Skr.ShouldBe(9),
            c => c.Difference.ShouldBe(4), c => c.RelativeDifference.ShouldBe(0.8));
        var region01 = r.Regions.Single(x => x.RegionCode == "01");
        region01.ValuesCompared.ShouldBe(10);
        region01.ValuesDiffer.ShouldBe(1);
        region01.StartedOurs.ShouldBe(5);
        region01.StartedSkr.ShouldBe(9);
        region01.FullyAgrees.ShouldBeFalse();
        r.Regions.Single(x => x.RegionCode == "03").FullyAgrees.ShouldBeTrue();
        r.Summary.RegionsFullyAgreeing.ShouldBe(1);
    }

    public static IEnumerable<object?[]> ToleranceCases() => TestDatabases.OnBoth(
        [7, 2L, 0.0, false], // |7 - 5| = 2, not more than 2
        [8, 2L, 0.0, true], // 3 > 2 and 3 > 0
        [8, 2L, 0.5, false], // 3 is not more than 0.5 × 8 = 4
        [6, 0L, 0.0, true]); // exact comparison

    [DatabaseTheory, MemberData(nameof(ToleranceCases))]
    public void The_tolerance_is_absolute_and_relative_both_exceeded(string provider, int skrStarted, long absolute, double relative, bool differs)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        SkrTestData.Import(t.Db, SkrTestData.Agreeing.Replace("01;BROST;K;2025-03;5;", $"01;BROST;K;2025-03;{skrStarted};", StringComparison.Ordinal));
        var r = Reconcile(t.Db, tolerance: new ReconciliationTolerance { Absolute = absolute, Relative = relative });
        r.Summary.ValuesDiffer.ShouldBe(differs ? 1 : 0);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_region_missing_from_skr_shows_as_cells_only_in_our_data(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        SkrTestData.Import(t.Db, string.Join('\n', SkrTestData.Agreeing.Split('\n').Where(l => !l.StartsWith("03;", StringComparison.Ordinal))));
        var r = Reconcile(t.Db);
        var cell = r.Cells.ShouldHaveSingleItem();
        cell.Status.ShouldBe(CellStatus.OnlyOurs);
        cell.RegionCode.ShouldBe("03");
        cell.Ours.ShouldBe(2);
        cell.Skr.ShouldBeNull();
        r.Regions.Single(x => x.RegionCode == "03").OnlyOurs.ShouldBe(1);
        r.Summary.TextSv.ShouldContain("1 celler finns bara i Socialstyrelsens data");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_cell_skr_has_and_we_do_not_and_an_unknown_svf_are_listed(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        SkrTestData.Import(t.Db, SkrTestData.Agreeing + "05;LUNG;M;2025-03;4;1;;;\n01;BROSTCANCER;K;2025-03;2;2;;;\n");
        var r = Reconcile(t.Db);
        r.Cells.Select(c => (c.RegionCode, c.Svf, c.Status)).ShouldBe([("01", "BROSTCANCER", CellStatus.UnknownSvf), ("05", "LUNG", CellStatus.OnlySkr)]);
        r.Summary.UnknownSvf.ShouldBe(1);
        r.Summary.OnlySkr.ShouldBe(1);
        r.Summary.TextSv.ShouldContain("1 rader hos SKR har SVF-koder som inte finns");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Totals_over_both_sexes_and_all_svf_are_compared_when_skr_gives_them(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        // Region 01, all SVF, both sexes, 2025 (year): started 5, completed 4, treated 4, within 3 (hand-worked from the data above).
        SkrTestData.Import(t.Db, "region;svf;sex;period;started;completed;treated;within_limit\n01;TOTAL;TOTAL;2025;5;4;4;3\n");
        var r = Reconcile(t.Db, region: "01", all: true);
        r.Cells.Select(c => (c.Measure, c.Ours, c.Status)).ShouldBe([("started", 5d, CellStatus.Agree), ("completed", 4d, CellStatus.Agree), ("treated", 4d, CellStatus.Agree), ("within_limit", 3d, CellStatus.Agree)]);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_regions_user_sees_only_its_own_region(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Submit(t.Db);
        SkrTestData.Import(t.Db, SkrTestData.Agreeing.Replace("01;BROST;K;2025-03;5", "01;BROST;K;2025-03;9", StringComparison.Ordinal));
        var r = Reconcile(t.Db, region: "03", all: true);
        r.Cells.ShouldAllBe(c => c.RegionCode == "03");
        r.Regions.ShouldHaveSingleItem().RegionCode.ShouldBe("03");
        r.Summary.ValuesDiffer.ShouldBe(0);
        AuditLog.Read(t.Db).ShouldContain(e => e.Action == "skr.reconciled" && e.RegionCode == "03");
        Should.Throw<ArgumentException>(() => Reconcile(t.Db, region: "99"));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Without_skr_data_the_reconciliation_says_what_to_do(string provider)
    {
        using var t = TestDatabases.Create(provider);
        Should.Throw<KeyNotFoundException>(() => Reconcile(t.Db)).Message.ShouldContain("svf skr import");
    }
}
