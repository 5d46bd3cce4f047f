using Xunit.Abstractions;
using Xunit.Sdk;

namespace Svf.Tests.Support;

/// <summary>
/// A storage test that runs once per database:
/// <c>[DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))] public void X(string provider)</c>,
/// with provider "sqlite" and "postgres" (pass it to <see cref="TestDatabases.Create"/>). The PostgreSQL case always
/// appears: it runs against the server named by SVF_TEST_PG, and is shown as skipped when that is not set, unless CI is
/// set (scripts/test.sh sets both), in which case a missing server fails the test rather than skipping it. Rows with more
/// values work the same way when the provider is the first one.
/// </summary>
[XunitTestCaseDiscoverer("Svf.Tests.Support.DatabaseTheoryDiscoverer", "Svf.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;

/// <summary>Skips the PostgreSQL data row of a <see cref="DatabaseTheoryAttribute"/> when no server is configured outside CI.</summary>
public sealed class DatabaseTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo theoryAttribute, object[] dataRow) =>
        dataRow is [TestDatabases.Postgres, ..] && TestDatabases.PostgresSkipReason() is { } reason
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason)
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
}
