using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Storage;

/// <summary>The audit log is stamped with the configured clock, not the machine's.</summary>
public class AuditLogClockTests
{
    private static readonly DateTime At = FixedClock.Default.GetUtcNow().UtcDateTime; // 2026-03-01 12:00 UTC, not today

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Entries_written_through_the_database_or_one_of_its_connections_carry_the_configured_time(string provider)
    {
        using var t = TestDatabases.Create(provider);
        t.Db.Clock = FixedClock.Default;
        AuditLog.Write(t.Db, "a", "test.db", null, null, "through the database");
        using (var c = t.Db.OpenConnection())
        {
            using var tx = c.BeginTransaction();
            AuditLog.Write(c, tx, "a", "test.connection", "01", null, "through a connection in a transaction");
            tx.Commit();
        }
        AuditLog.Read(t.Db).Select(e => (e.Action, e.AtUtc)).ShouldBe([("test.connection", At), ("test.db", At)]);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_clock_configured_for_the_services_stamps_what_they_audit(string provider)
    {
        using var t = TestDatabases.Create(provider);
        using var sp = new ServiceCollection().AddSvf(o =>
        {
            o.Database = t.Setting;
            o.Clock = FixedClock.Default;
        }).BuildServiceProvider();
        sp.GetRequiredService<SvfDatabase>().Clock.ShouldBeSameAs(FixedClock.Default);
        // A refusal is audited by the use-case service.
        Should.Throw<AccessDeniedException>(() => sp.GetRequiredService<SubmissionUseCases>().History(Caller.RegionReporterOf("r", "01"), "03"));
        var entry = AuditLog.Read(sp.GetRequiredService<SvfDatabase>()).ShouldHaveSingleItem();
        entry.Action.ShouldEndWith(".denied");
        entry.AtUtc.ShouldBe(At);
    }
}
