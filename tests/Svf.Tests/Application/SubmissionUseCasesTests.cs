using System.Text;
using Svf.Application;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Application;

/// <summary>Scope enforcement and auditing of the submission use cases, on SQLite and PostgreSQL.</summary>
public class SubmissionUseCasesTests
{
    private static readonly ReportingPeriod Year2025 = ReportingPeriod.Parse("2025");

    internal static SubmissionUseCases UseCases(SvfDatabase db) =>
        new(db, ReferenceDataSet.Embedded, () => TestKeys.Pseudonymizer(), FixedClock.Default);

    internal static readonly Caller Stockholm = Caller.RegionReporterOf("samordnare-01", "01");
    internal static readonly Caller Uppsala = Caller.RegionReporterOf("samordnare-03", "03");
    internal static readonly Caller Analyst = Caller.Analyst("analytiker");
    /// <summary>RCC Stockholm-Gotland: regions 01 and 09.</summary>
    internal static readonly Caller RccStockholm = Caller.RccCoordinatorOf("rcc-sthlm", "Stockholm-Gotland");
    internal static readonly Caller Ministry = Caller.Ministry("departementet");
    internal static readonly Caller Admin = new("admin", Role.Administrator);

    private static Task<FeedbackReport> Send(SubmissionUseCases uc, Caller caller, string region, int rows = 3) =>
        uc.SubmitAsync(caller, SubmissionKind.Pathways, region, Year2025, new CsvBuilder().Rows(rows, (_, r) => r[SubmissionColumns.Region] = region).Stream(), $"pathways-{region}.csv");

    public static TheoryData<string, string, string, bool> SubmitCells()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var provider in ((IEnumerable<object[]>)TestDatabases.Providers()).Select(r => (string)r[0]))
        {
            data.Add(provider, "reporter-01", "01", true);
            data.Add(provider, "reporter-01", "03", false);
            data.Add(provider, "analyst", "03", true);
            data.Add(provider, "rcc", "01", false);
            data.Add(provider, "ministry", "01", false);
            data.Add(provider, "admin", "01", false);
        }
        return data;
    }

    internal static Caller Named(string who) => who switch
    {
        "reporter-01" => Stockholm,
        "reporter-03" => Uppsala,
        "analyst" => Analyst,
        "rcc" => RccStockholm,
        "ministry" => Ministry,
        _ => Admin,
    };

    [DatabaseTheory]
    [MemberData(nameof(SubmitCells))]
    public async Task Submit_is_allowed_only_for_the_own_region_or_the_national_operator_and_a_refusal_is_audited(string provider, string who, string region, bool allowed)
    {
        using var t = TestDatabases.Create(provider);
        var uc = UseCases(t.Db);
        var caller = Named(who);
        if (allowed)
        {
            var report = await Send(uc, caller, region);
            report.RowsStored.ShouldBe(3);
            var entry = AuditLog.Read(t.Db).First();
            entry.Action.ShouldBe("submission.accepted");
            entry.Actor.ShouldBe(caller.UserId);
            entry.RegionCode.ShouldBe(region);
        }
        else
        {
            var e = await Should.ThrowAsync<AccessDeniedException>(() => Send(uc, caller, region));
            e.Message.ShouldContain($"region {region}");
            SubmissionStore.History(t.Db).ShouldBeEmpty();
            var entry = AuditLog.Read(t.Db).Single();
            entry.Action.ShouldBe("submission.submit.denied");
            entry.Actor.ShouldBe(caller.UserId);
            entry.RegionCode.ShouldBe(region);
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Unknown_region_codes_are_refused_with_a_clear_message(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = UseCases(t.Db);
        var e = await Should.ThrowAsync<ArgumentException>(() => Send(uc, Analyst, "99"));
        e.Message.ShouldContain("Okänd regionkod '99'");
        e.Message.ShouldContain("tvåsiffrig länskod");
        Should.Throw<ArgumentException>(() => uc.History(Analyst, "1")).Message.ShouldContain("'1'");
        // A caller built from a mistyped --as-region.
        Should.Throw<ArgumentException>(() => uc.History(Caller.RegionReporterOf("x", "1"))).Message.ShouldContain("regionkod för användaren '1'");
        // A reporter account without a region can do nothing, and the attempt is audited.
        Should.Throw<AccessDeniedException>(() => uc.History(new Caller("x", Role.RegionReporter)));
        AuditLog.Read(t.Db).Single().Action.ShouldBe("submission.history.denied");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task History_shows_each_caller_only_the_regions_it_may_see(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = UseCases(t.Db);
        await Send(uc, Analyst, "01");
        await Send(uc, Analyst, "09");
        await Send(uc, Analyst, "03");

        uc.History(Stockholm).Select(s => s.RegionCode).ShouldBe(["01"]);
        uc.History(Stockholm, "01").Count.ShouldBe(1);
        uc.History(RccStockholm).Select(s => s.RegionCode).Order().ShouldBe(["01", "09"]);
        uc.History(Analyst).Count.ShouldBe(3);
        AuditLog.Read(t.Db).First().Action.ShouldBe("submission.history.read");

        Should.Throw<AccessDeniedException>(() => uc.History(Stockholm, "03"));
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("submission.history.denied"),
            e => e.Actor.ShouldBe("samordnare-01"),
            e => e.RegionCode.ShouldBe("03"));
        Should.Throw<AccessDeniedException>(() => uc.History(RccStockholm, "03"));
        Should.Throw<AccessDeniedException>(() => uc.History(Ministry));
        Should.Throw<AccessDeniedException>(() => uc.History(Admin, "01"));
        AuditLog.Read(t.Db).Take(3).ShouldAllBe(e => e.Action == "submission.history.denied");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Feedback_is_shown_to_the_region_its_rcc_and_analysts_only(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = UseCases(t.Db);
        var sent = await Send(uc, Stockholm, "01");
        var id = sent.SubmissionId!.Value;

        uc.Feedback(Stockholm, id)!.RowsStored.ShouldBe(3);
        uc.Feedback(RccStockholm, id).ShouldNotBeNull();
        uc.Feedback(Analyst, id).ShouldNotBeNull();
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("submission.feedback.read"),
            e => e.SubmissionId.ShouldBe(id));
        uc.Feedback(Analyst, id + 1000).ShouldBeNull();

        Should.Throw<AccessDeniedException>(() => uc.Feedback(Uppsala, id));
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("submission.feedback.denied"),
            e => e.Actor.ShouldBe("samordnare-03"),
            e => e.RegionCode.ShouldBe("01"),
            e => e.SubmissionId.ShouldBe(id));
        Should.Throw<AccessDeniedException>(() => uc.Feedback(Ministry, id));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Withdrawal_by_another_region_or_of_a_non_current_submission_is_refused_and_audited(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = UseCases(t.Db);
        var id = (await Send(uc, Stockholm, "01")).SubmissionId!.Value;

        Should.Throw<AccessDeniedException>(() => uc.Withdraw(Uppsala, id, "fel period"));
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("submission.withdraw.denied"),
            e => e.Actor.ShouldBe("samordnare-03"),
            e => e.RegionCode.ShouldBe("01"),
            e => e.SubmissionId.ShouldBe(id));
        Should.Throw<AccessDeniedException>(() => uc.Withdraw(RccStockholm, id, "fel period"));
        SubmissionStore.Find(t.Db, id)!.IsCurrent.ShouldBeTrue();

        Should.Throw<ArgumentException>(() => uc.Withdraw(Stockholm, id, " "));
        AuditLog.Read(t.Db).First().Action.ShouldBe("submission.withdraw.refused");

        var withdrawn = uc.Withdraw(Stockholm, id, "fel period");
        withdrawn.Status.ShouldBe(SubmissionStatus.Withdrawn);
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("submission.withdrawn"),
            e => e.Actor.ShouldBe("samordnare-01"));

        // Again: no longer current, refused and audited.
        Should.Throw<ArgumentException>(() => uc.Withdraw(Stockholm, id, "igen")).Message.ShouldContain("not current");
        AuditLog.Read(t.Db).First().ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe("submission.withdraw.refused"),
            e => e.SubmissionId.ShouldBe(id),
            e => e.Detail.ShouldContain("Regionrapportör för region 01"));
        Should.Throw<ArgumentException>(() => uc.Withdraw(Analyst, 424242, "x"));
        AuditLog.Read(t.Db).First().Action.ShouldBe("submission.withdraw.refused");
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Upload_streams_asynchronously_from_a_non_seekable_request_body(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = UseCases(t.Db);
        // Test numbers repeat after 1 120 persons: vary the start date so that no row is a duplicate.
        var csv = new CsvBuilder().Rows(2000, (i, r) => r[SubmissionColumns.SuspicionDate] = $"2025-02-{1 + i % 27:D2}");
        var bytes = Encoding.UTF8.GetBytes(csv.Text());
        bytes.Length.ShouldBeGreaterThan(100_000);
        var body = new RequestBodyStream(bytes);

        // Any synchronous read of the body would throw, as Kestrel's does.
        var report = await uc.SubmitAsync(Stockholm, SubmissionKind.Pathways, "01", Year2025, body, "upload.csv");
        report.RowsStored.ShouldBe(2000);
        report.ErrorCount.ShouldBe(0);
        body.LargestRead.ShouldBe(8192);
        body.Reads.ShouldBeGreaterThanOrEqualTo(bytes.Length / 8192);

        // The spooled copy hashes like the file itself: sending the same bytes from a file stream changes nothing.
        var again = await uc.SubmitAsync(Stockholm, SubmissionKind.Pathways, "01", Year2025, new MemoryStream(bytes), "upload.csv");
        again.Unchanged.ShouldBeTrue();
        again.SubmissionId.ShouldBe(report.SubmissionId);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_cancelled_upload_stores_nothing(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var uc = UseCases(t.Db);
        var bytes = Encoding.UTF8.GetBytes(new CsvBuilder().Rows(500).Text());
        using var cts = new CancellationTokenSource();
        await Should.ThrowAsync<OperationCanceledException>(() =>
            uc.SubmitAsync(Stockholm, SubmissionKind.Pathways, "01", Year2025, new RequestBodyStream(bytes, cts), "upload.csv", cts.Token));
        SubmissionStore.History(t.Db).ShouldBeEmpty();

        // Cancelled while validating (the content is already local): the transaction rolls back.
        using var late = new CancellationTokenSource();
        var stream = new CancelOnReadStream(bytes, late, afterReads: 2);
        await Should.ThrowAsync<OperationCanceledException>(() =>
            uc.SubmitAsync(Stockholm, SubmissionKind.Pathways, "01", Year2025, stream, "upload.csv", late.Token));
        SubmissionStore.History(t.Db).ShouldBeEmpty();
        using var c = t.Db.OpenConnection();
        Convert.ToInt64(SvfDatabase.Scalar(c, null, "SELECT COUNT(*) FROM pathways"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Unknown_kind_is_refused_with_a_clear_message(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var e = await Should.ThrowAsync<ArgumentException>(() =>
            UseCases(t.Db).SubmitAsync(Analyst, "patients", "01", Year2025, new MemoryStream(), "x.csv"));
        e.Message.ShouldContain("'patients'");
    }

    /// <summary>A seekable in-memory file that cancels the token once it has served a few reads (i.e. mid-validation).</summary>
    private sealed class CancelOnReadStream(byte[] content, CancellationTokenSource cts, int afterReads) : MemoryStream(content)
    {
        private int _reads;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (++_reads > afterReads)
            {
                cts.Cancel();
            }
            return base.Read(buffer, offset, Math.Min(count, 1024));
        }

        public override int Read(Span<byte> buffer)
        {
            if (++_reads > afterReads)
            {
                cts.Cancel();
            }
            return base.Read(buffer[..Math.Min(buffer.Length, 1024)]);
        }
    }
}
