using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Tests.Support;

/// <summary>The submission service as the tests use it: built-in reference data, a fixed test key, the fixed test clock.</summary>
internal static class TestSubmissions
{
    public static SubmissionService Service(SvfDatabase db) =>
        new(db, ReferenceDataSet.Embedded, TestKeys.Pseudonymizer(), FixedClock.Default);
}
