using System.Globalization;
using Svf.Domain;
using Svf.Ingestion;
using Svf.Storage;
using Svf.Tests.Support;
using static Svf.Tests.Support.TestSubmissions;

namespace Svf.Tests.Storage;

/// <summary>
/// Several ingests started at once on a fresh database (as four CLI processes would be): each migrates, then ingests.
/// Before the migration took a lock, the schema set-up collided (a table created twice, a version applied twice).
/// </summary>
public class MigrationConcurrencyTests
{
    private const int Ingests = 4;
    private const int Rounds = 4;
    private static readonly string[] Regions = ["01", "03", "04", "05"];

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Concurrent_migrate_and_ingest_on_a_fresh_database_all_succeed(string provider)
    {
        // The race needs the processes to meet inside the schema set-up; several rounds make that all but certain.
        for (var round = 0; round < Rounds; round++)
        {
            using var t = TestDatabases.CreateUnmigrated(provider);
            var reports = new FeedbackReport?[Ingests];
            var failures = new Exception?[Ingests];
            using var start = new Barrier(Ingests);
            var threads = Enumerable.Range(0, Ingests).Select(i => new Thread(() =>
            {
                try
                {
                    // Its own database object (own pool for PostgreSQL), as a separate process has.
                    using var db = SvfDatabase.Open(t.Setting);
                    start.SignalAndWait();
                    db.Migrate();
                    var csv = new CsvBuilder().Rows(5, (_, r) => r[SubmissionColumns.Region] = Regions[i]);
                    reports[i] = Service(db).SubmitPathways(csv.Stream(), $"region{Regions[i]}.csv", Regions[i], ReportingPeriod.Parse("2025"), "test");
                }
                catch (Exception e)
                {
                    failures[i] = e;
                }
            })).ToList();
            threads.ForEach(th => th.Start());
            threads.ForEach(th => th.Join());

            failures.Where(f => f is not null).Select(f => f!.Message).ShouldBeEmpty($"round {round}");
            reports.ShouldAllBe(r => r != null && r.ErrorCount == 0 && r.RowsStored == 5);

            // Every script applied exactly once, in order, up to the newest one.
            var known = SvfDatabase.KnownSchemaVersions(t.Db.Provider);
            t.Db.SchemaVersion.ShouldBe(known[^1]);
            using var c = t.Db.OpenConnection();
            using var cmd = SvfDatabase.Command(c, null, "SELECT version FROM schema_version ORDER BY version");
            using var r = cmd.ExecuteReader();
            var versions = new List<int>();
            while (r.Read())
            {
                versions.Add(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture));
            }
            versions.ShouldBe(known);
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Migrate_on_an_up_to_date_database_changes_nothing(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var before = t.Db.SchemaVersion;
        int Applied()
        {
            using var c = t.Db.OpenConnection();
            return Convert.ToInt32(SvfDatabase.Scalar(c, null, "SELECT COUNT(*) FROM schema_version"), CultureInfo.InvariantCulture);
        }
        // Every script is applied once (numbers may have gaps: a number reserved for a feature that did not need one).
        var applied = Applied();
        applied.ShouldBe(typeof(SvfDatabase).Assembly.GetManifestResourceNames()
            .Count(n => n.StartsWith($"Svf.Storage.Schema.{provider}-", StringComparison.Ordinal)));
        t.Db.Migrate();
        t.Db.Migrate();
        t.Db.SchemaVersion.ShouldBe(before);
        Applied().ShouldBe(applied);
    }
}
