using Svf.Tests.Support;

namespace Svf.Tests.Storage;

/// <summary>When the PostgreSQL case of a storage test runs, is skipped, or fails.</summary>
public class TestDatabasesTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Postgres_case_is_skipped_only_outside_ci_without_a_server()
    {
        TestDatabases.PostgresSkipReason(Env()).ShouldBe("PostgreSQL not configured: set SVF_TEST_PG (bash scripts/test.sh starts a server and sets it).");
        TestDatabases.PostgresSkipReason(Env(("SVF_TEST_PG", "Host=127.0.0.1"))).ShouldBeNull();
        // CI without a server: the case runs and fails (a CI run must never pass by skipping PostgreSQL).
        TestDatabases.PostgresSkipReason(Env(("CI", "true"))).ShouldBeNull();
    }

    [Fact]
    public void Every_database_test_runs_on_both_stores()
    {
        // A test that takes a provider is a [DatabaseTheory] (a plain [Theory] would fail, not skip, without PostgreSQL).
        var plainTheories = typeof(TestDatabasesTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes(typeof(FactAttribute), false).Length > 0 && m.GetCustomAttributes(typeof(DatabaseTheoryAttribute), false).Length == 0)
            .Where(m => m.GetParameters() is [{ Name: "provider" }, ..])
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        plainTheories.ShouldBeEmpty("storage tests are [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), ...)], so the PostgreSQL case is skipped rather than failed or missing");
    }

    [Fact]
    public void No_test_outside_the_documentation_checks_opens_a_sqlite_only_database()
    {
        // A test that stores something runs on both stores: TestDatabases.Create(provider) in a [DatabaseTheory].
        // Only the documentation checks (which compare a doc with the report's structure, not with what is stored) may use SQLite alone.
        var tests = Path.Combine(RepositoryRoot.Path, "tests", "Svf.Tests");
        var sqliteOnly = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Support{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Docs{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains($"{nameof(TestDatabases)}.{nameof(TestDatabases.CreateSqlite)}()", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(tests, f))
            .ToList();
        sqliteOnly.ShouldBeEmpty("use [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), ...)] and TestDatabases.Create(provider)");
    }
}
