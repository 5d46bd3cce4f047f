using System.Globalization;
using System.Security.Cryptography;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Storage;

/// <summary>A database is bound to the pseudonymisation key it was built with; weak keys are refused.</summary>
public class PseudonymKeyTests
{
    private static readonly ReportingPeriod Year2025 = ReportingPeriod.Parse("2025");

    private static SubmissionService Service(SvfDatabase db, byte[] key) =>
        new(db, ReferenceDataSet.Embedded, new Pseudonymizer(key), FixedClock.Default);

    private static long Count(SvfDatabase db, string sql)
    {
        using var c = db.OpenConnection();
        return Convert.ToInt64(SvfDatabase.Scalar(c, null, sql), CultureInfo.InvariantCulture);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Submission_with_another_key_is_refused_and_nothing_is_stored(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var keyA = TestKeys.Other();
        var keyB = TestKeys.Other();
        Service(t.Db, keyA).SubmitPathways(new CsvBuilder().Rows(3).Stream(), "a.csv", "01", Year2025, "coordinator").ErrorCount.ShouldBe(0);
        var submissions = Count(t.Db, "SELECT COUNT(*) FROM submissions");
        var pathways = Count(t.Db, "SELECT COUNT(*) FROM pathways");

        var e = Should.Throw<PseudonymKeyMismatchException>(() =>
            Service(t.Db, keyB).SubmitPathways(new CsvBuilder().Rows(4).Stream(), "b.csv", "03", Year2025, "coordinator"));
        var idA = new Pseudonymizer(keyA).KeyId;
        var idB = new Pseudonymizer(keyB).KeyId;
        e.RecordedKeyId.ShouldBe(idA);
        e.GivenKeyId.ShouldBe(idB);
        e.Message.ShouldContain($"databasen är byggd med nyckel-id {idA}, den angivna nyckeln har id {idB}");
        e.Message.ShouldContain($"the database was built with key id {idA}, the configured key has id {idB}");
        e.ShouldBeAssignableTo<ArgumentException>(); // the CLI prints it as a one-line user error

        Count(t.Db, "SELECT COUNT(*) FROM submissions").ShouldBe(submissions);
        Count(t.Db, "SELECT COUNT(*) FROM pathways").ShouldBe(pathways);
        var audit = AuditLog.Read(t.Db);
        audit.ShouldContain(a => a.Action == "pseudonym_key.refused" && a.Detail.Contains(idB) && a.Detail.Contains(idA));
        audit.Count(a => a.Action == "pseudonym_key.recorded").ShouldBe(1);

        // The right key still works.
        Service(t.Db, keyA).SubmitPathways(new CsvBuilder().Rows(2, (_, r) => r[SubmissionColumns.Region] = "03").Stream(), "c.csv", "03", Year2025, "coordinator")
            .ErrorCount.ShouldBe(0);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Key_is_recorded_on_first_use_even_if_that_file_is_rejected(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var keyA = TestKeys.Other();
        var rejected = Service(t.Db, keyA).SubmitPathways(new CsvBuilder().Rows(1, (_, r) => r[SubmissionColumns.Svf] = "OKÄND").Stream(), "a.csv", "01", Year2025, "c");
        rejected.Status.ShouldBe(SubmissionStatus.Rejected);
        Should.Throw<PseudonymKeyMismatchException>(() =>
            Service(t.Db, TestKeys.Other()).SubmitPathways(new CsvBuilder().Rows(1).Stream(), "b.csv", "01", Year2025, "c"));
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Upgraded_database_is_bound_to_the_key_of_its_newest_submission(string provider)
    {
        using var t = TestDatabases.CreateUnmigrated(provider);
        t.Db.MigrateTo(4);
        var old = new Pseudonymizer(TestKeys.Other());
        var newest = new Pseudonymizer(TestKeys.Other());
        using (var c = t.Db.OpenConnection())
        {
            using var tx = c.BeginTransaction();
            SubmissionStore.Insert(c, tx, SubmissionKind.Pathways, "01", Year2025, 1, "a.csv", "00", old.KeyId, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), "c");
            SubmissionStore.Insert(c, tx, SubmissionKind.Pathways, "03", Year2025, 1, "b.csv", "01", newest.KeyId, new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), "c");
            tx.Commit();
        }
        t.Db.Migrate();

        var e = Should.Throw<PseudonymKeyMismatchException>(() =>
            new SubmissionService(t.Db, ReferenceDataSet.Embedded, old, FixedClock.Default).SubmitPathways(new CsvBuilder().Rows(1).Stream(), "c.csv", "01", Year2025, "c"));
        e.RecordedKeyId.ShouldBe(newest.KeyId);
        new SubmissionService(t.Db, ReferenceDataSet.Embedded, newest, FixedClock.Default)
            .SubmitPathways(new CsvBuilder().Rows(1).Stream(), "c.csv", "01", Year2025, "c").ErrorCount.ShouldBe(0);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Two_first_submissions_at_once_with_different_keys_bind_the_database_to_one_of_them(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var keys = new[] { TestKeys.Other(), TestKeys.Other() };
        var outcomes = new string?[2];
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                var region = i == 0 ? "01" : "03";
                Service(t.Db, keys[i]).SubmitPathways(new CsvBuilder().Rows(2, (_, r) => r[SubmissionColumns.Region] = region).Stream(), "x.csv", region, Year2025, "c");
                outcomes[i] = "stored";
            }
            catch (PseudonymKeyMismatchException)
            {
                outcomes[i] = "refused";
            }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        outcomes.Order().ShouldBe(["refused", "stored"]);
        Count(t.Db, "SELECT COUNT(DISTINCT key_id) FROM submissions").ShouldBe(1);
    }

    [Fact]
    public void Weak_keys_are_refused()
    {
        Should.Throw<ArgumentException>(() => new Pseudonymizer(new byte[32])).Message.ShouldContain("all zero bytes");
        Should.Throw<ArgumentException>(() => new Pseudonymizer(new byte[64])).Message.ShouldContain("all zero bytes");
        Should.Throw<ArgumentException>(() => new Pseudonymizer(RandomNumberGenerator.GetBytes(31))).Message.ShouldContain("at least 32 bytes");
        // 15 different values (0..14 cycling): too few.
        var fifteen = Enumerable.Range(0, 32).Select(i => (byte)(i % 15)).ToArray();
        Should.Throw<ArgumentException>(() => new Pseudonymizer(fifteen)).Message.ShouldContain("15 different byte values, at least 16 required");
        // A key typed as text: "aaaa...".
        Should.Throw<ArgumentException>(() => new Pseudonymizer("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"u8.ToArray())).Message.ShouldContain("1 different byte values");
        // 16 different values, twice: enough values, but a repeated 16-byte pattern.
        var twice = Enumerable.Range(0, 32).Select(i => (byte)(i % 16 * 7)).ToArray();
        Should.Throw<ArgumentException>(() => new Pseudonymizer(twice)).Message.ShouldContain("repeats a pattern of 16 bytes");
        // 40 bytes made of a 20-byte pattern and its repeat.
        var pattern = Enumerable.Range(0, 40).Select(i => (byte)(i % 20 + 100)).ToArray();
        Should.Throw<ArgumentException>(() => new Pseudonymizer(pattern)).Message.ShouldContain("repeats a pattern of 20 bytes");
    }

    [Fact]
    public void Random_and_varied_keys_are_accepted()
    {
        for (var i = 0; i < 1000; i++)
        {
            Pseudonymizer.CheckKey(RandomNumberGenerator.GetBytes(32));
        }
        Pseudonymizer.CheckKey(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()); // 32 values, no repeat
        Pseudonymizer.CheckKey(Convert.FromBase64String(Pseudonymizer.NewKeyBase64()));
        // The benchmark's fixed key (SHA-256 of a phrase) has full entropy.
        Pseudonymizer.CheckKey(SHA256.HashData("svf-benchmark-not-a-secret"u8));
    }
}
