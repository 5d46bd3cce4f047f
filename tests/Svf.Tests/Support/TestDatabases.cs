using Npgsql;
using Svf.Storage;

namespace Svf.Tests.Support;

/// <summary>
/// Fresh, empty databases for storage tests: a temporary SQLite file, and a new PostgreSQL database on the server named
/// by SVF_TEST_PG (scripts/test.sh starts one). Tests written against <see cref="Providers"/> run on both.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "SVF_TEST_PG";

    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (Environment.GetEnvironmentVariable(PostgresVariable) is not null || Environment.GetEnvironmentVariable("CI") is not null)
        {
            data.Add("postgres");
        }
        return data;
    }

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
            ?? throw new InvalidOperationException($"CI is set but {PostgresVariable} is not: scripts/test.sh must start PostgreSQL.");
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
