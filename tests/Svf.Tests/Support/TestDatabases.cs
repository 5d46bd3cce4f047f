using Npgsql;
using Svf.Storage;

namespace Svf.Tests.Support;

/// <summary>
/// Fresh, empty databases for storage tests: a temporary SQLite file, and a new PostgreSQL database on the server named
/// by SVF_TEST_PG (scripts/test.sh starts one). Storage tests are <see cref="DatabaseTheoryAttribute"/>s and run on both;
/// the PostgreSQL case is shown as skipped when no server is configured, and fails instead when CI is set.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "SVF_TEST_PG";
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>Why the PostgreSQL case is skipped, or null when it runs (a server is configured, or CI requires one).</summary>
    public static string? PostgresSkipReason() => PostgresSkipReason(Environment.GetEnvironmentVariable);

    internal static string? PostgresSkipReason(Func<string, string?> environment) =>
        environment(PostgresVariable) is not null || environment("CI") is not null
            ? null
            : $"PostgreSQL not configured: set {PostgresVariable} (bash scripts/test.sh starts a server and sets it).";

    /// <summary>Both stores, for <c>[DatabaseTheory, MemberData(nameof(Providers), ...)]</c>, which skips PostgreSQL when it is not configured.</summary>
    public static TheoryData<string> Providers() => new() { Sqlite, Postgres };

    /// <summary>
    /// Each row once per store with the provider first, for a <see cref="DatabaseTheoryAttribute"/> that has more values:
    /// <c>public static IEnumerable&lt;object?[]&gt; Cases() => TestDatabases.OnBoth([1, "a"], [2, "b"]);</c>
    /// </summary>
    public static IEnumerable<object?[]> OnBoth(params object?[][] rows) =>
        [.. from provider in new[] { Sqlite, Postgres } from row in rows select (object?[])[provider, .. row]];

    public static TestDatabase Create(string provider) => provider switch
    {
        "sqlite" => CreateSqlite(),
        "postgres" => CreatePostgres(migrate: true),
        _ => throw new ArgumentException(provider),
    };

    public static TestDatabase CreateSqlite() => CreateSqlite(migrate: true);

    /// <summary>A fresh database without any schema (not migrated), for tests of the migration itself.</summary>
    public static TestDatabase CreateUnmigrated(string provider) => provider switch
    {
        "sqlite" => CreateSqlite(migrate: false),
        "postgres" => CreatePostgres(migrate: false),
        _ => throw new ArgumentException(provider),
    };

    private static TestDatabase CreateSqlite(bool migrate)
    {
        var path = Path.Combine(Path.GetTempPath(), $"svf-test-{Guid.NewGuid():N}.db");
        var setting = "sqlite:" + path;
        var db = SvfDatabase.Open(setting);
        if (migrate)
        {
            db.Migrate();
        }
        return new TestDatabase(db, setting, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }
        });
    }

    private static TestDatabase CreatePostgres(bool migrate)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException(PostgresSkipReason() is null
                ? $"CI is set but {PostgresVariable} is not: scripts/test.sh must start PostgreSQL."
                : $"{PostgresVariable} is not set. Storage tests are [DatabaseTheory] (the PostgreSQL case is then skipped), or run bash scripts/test.sh.");
        var name = $"svf_test_{Guid.NewGuid():N}";
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
        var setting = "postgres:" + cs;
        var db = SvfDatabase.Open(setting);
        if (migrate)
        {
            db.Migrate();
        }
        return new TestDatabase(db, setting, () =>
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(admin);
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
            cmd.ExecuteNonQuery();
        });
    }
}

public sealed class TestDatabase(SvfDatabase db, string setting, Action cleanup) : IDisposable
{
    public SvfDatabase Db { get; } = db;

    /// <summary>The connection setting ("sqlite:..." / "postgres:..."), to open the same database again as another process would.</summary>
    public string Setting { get; } = setting;

    public void Dispose()
    {
        Db.Dispose();
        cleanup();
    }
}
