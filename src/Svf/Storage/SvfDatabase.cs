using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Svf.Storage;

/// <summary>
/// The database: SQLite (embedded default) or PostgreSQL, chosen explicitly by the connection setting
/// "sqlite:PATH" or "postgres:CONNECTION-STRING". Both run the same SQL except the schema scripts and bulk insert.
/// </summary>
public sealed class SvfDatabase : IDisposable
{
    private readonly NpgsqlDataSource? _pg;
    private readonly string _sqliteConnectionString = "";

    private SvfDatabase(DatabaseProvider provider, string target)
    {
        Provider = provider;
        if (provider == DatabaseProvider.Postgres)
        {
            _pg = NpgsqlDataSource.Create(target);
            Description = "PostgreSQL " + new NpgsqlConnectionStringBuilder(target) { Password = null }.Host;
        }
        else
        {
            _sqliteConnectionString = new SqliteConnectionStringBuilder { DataSource = target, Pooling = true, DefaultTimeout = 60 }.ToString();
            Description = "SQLite " + target;
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// The configured clock (<c>SvfOptions.Clock</c>; the system clock by default): the time the audit log stamps on what
    /// is done through this database's connections.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    // Which database a connection was opened from, so that code holding only the connection finds the configured clock.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, SvfDatabase> Owners = new();

    /// <summary>The clock of the database <paramref name="c"/> was opened from (the system clock for a connection opened elsewhere).</summary>
    internal static TimeProvider ClockOf(DbConnection c) => Owners.TryGetValue(c, out var db) ? db.Clock : TimeProvider.System;

    /// <summary>For messages: provider and file or host, never a password.</summary>
    public string Description { get; }

    /// <summary>Parses "sqlite:PATH" or "postgres:Host=...;Database=...". A bare path means SQLite.</summary>
    public static SvfDatabase Open(string setting)
    {
        if (setting.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase))
        {
            return new SvfDatabase(DatabaseProvider.Postgres, setting["postgres:".Length..]);
        }
        var path = setting.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? setting["sqlite:".Length..] : setting;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        return new SvfDatabase(DatabaseProvider.Sqlite, path);
    }

    public DbConnection OpenConnection()
    {
        var c = OpenProviderConnection();
        Owners.AddOrUpdate(c, this);
        return c;
    }

    private DbConnection OpenProviderConnection()
    {
        if (_pg is not null)
        {
            return _pg.OpenConnection();
        }
        var c = new SqliteConnection(_sqliteConnectionString);
        c.Open();
        using var pragma = c.CreateCommand();
        // WAL lets readers work during an ingest; NORMAL sync is durable across application crashes.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return c;
    }

    /// <summary>
    /// Applies every schema script not yet applied, each in its own transaction. Safe when several processes start at
    /// once on a fresh (or older) database: each step runs under a database-wide lock (SQLite's write lock, taken by
    /// BEGIN IMMEDIATE; on PostgreSQL a transaction-scoped advisory lock), and the version is read again under that lock,
    /// so every process waits its turn and finds the scripts the others applied already.
    /// </summary>
    public void Migrate() => MigrateTo(int.MaxValue);

    /// <summary>Applies the scripts up to and including <paramref name="version"/> (tests of an upgrade start from an older schema).</summary>
    internal void MigrateTo(int version)
    {
        using var c = OpenConnection();
        var scripts = SchemaScripts(ScriptPrefix(Provider)).Where(s => s.Version <= version).ToList();
        while (true)
        {
            using var tx = c is SqliteConnection lite ? lite.BeginTransaction(deferred: false) : c.BeginTransaction();
            if (Provider == DatabaseProvider.Postgres)
            {
                Execute(c, tx, "SELECT pg_advisory_xact_lock(@k)", ("k", MigrationLockKey));
            }
            Execute(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            var current = Convert.ToInt32(Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
            var next = scripts.FirstOrDefault(s => s.Version > current);
            if (next.Sql is null)
            {
                tx.Commit();
                return;
            }
            Execute(c, tx, next.Sql);
            Execute(c, tx, "INSERT INTO schema_version (version) VALUES (@v)", ("v", next.Version));
            tx.Commit();
        }
    }

    /// <summary>The PostgreSQL advisory lock key that serialises schema migrations ("SVFSCHMA"; region locks use hashtext, a 32-bit range).</summary>
    private const long MigrationLockKey = 0x5356465343484D41;

    private static string ScriptPrefix(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "postgres-" : "sqlite-";

    /// <summary>The schema versions this build has scripts for, in order (the newest is the last).</summary>
    internal static IReadOnlyList<int> KnownSchemaVersions(DatabaseProvider provider) =>
        SchemaScripts(ScriptPrefix(provider)).Select(s => s.Version).ToList();

    public int SchemaVersion
    {
        get
        {
            using var c = OpenConnection();
            return Convert.ToInt32(Scalar(c, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public static int Execute(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    public static object? Scalar(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    /// <summary>Serialises writers for one region within the transaction (PostgreSQL advisory lock; SQLite's write lock already does this).</summary>
    public void LockRegion(DbConnection c, DbTransaction tx, string regionCode)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            Execute(c, tx, "SELECT pg_advisory_xact_lock(hashtext(@r))", ("r", "svf-region-" + regionCode));
        }
    }

    private static IEnumerable<(int Version, string Sql)> SchemaScripts(string prefix)
    {
        var asm = typeof(SvfDatabase).Assembly;
        const string ns = "Svf.Storage.Schema.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(ns + prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var s = asm.GetManifestResourceStream(n)!;
                using var r = new StreamReader(s);
                var number = n[(ns.Length + prefix.Length)..^".sql".Length];
                return (int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), r.ReadToEnd());
            })
            .OrderBy(s => s.Item1);
    }

    public void Dispose() => _pg?.Dispose();
}
