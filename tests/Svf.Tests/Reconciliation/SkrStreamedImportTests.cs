using System.Text;
using Svf.Ingestion;
using Svf.Reconciliation;
using Svf.ReferenceData;
using Svf.Tests.Support;

namespace Svf.Tests.Reconciliation;

/// <summary>SKR's file is streamed row by row; repeated rows are found in the database, not by keys kept in memory.</summary>
public class SkrStreamedImportTests
{
    private const string Header = "region;svf;sex;period;started;completed;treated;within_limit;lead_time_median\n";

    private static ImportFeedback ImportUnseekable(Svf.Storage.SvfDatabase db, string text) =>
        new SkrImporter(db, ReferenceDataSet.Embedded, FixedClock.Default).Import(new Unseekable(Encoding.UTF8.GetBytes(text)), "skr-upload.csv", "analytiker");

    /// <summary>An upload as it arrives: read once from the start, no length, no seeking.</summary>
    private sealed class Unseekable(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_file_from_an_unseekable_stream_is_stored_row_by_row(string provider)
    {
        using var t = TestDatabases.Create(provider);
        // 21 regions × 4 SVF × 3 sexes × 12 months = 3 024 rows.
        var svfs = ReferenceDataSet.Embedded.Svfs.Take(4).Select(s => s.Code).ToList();
        var b = new StringBuilder(Header);
        foreach (var region in ReferenceDataSet.Embedded.Regions)
        {
            foreach (var svf in svfs)
            {
                foreach (var sex in new[] { "M", "K", "TOTAL" })
                {
                    for (var m = 0; m < 12; m++)
                    {
                        b.Append(System.Globalization.CultureInfo.InvariantCulture, $"{region.Code};{svf};{sex};2025-{m + 1:00};3;2;2;1;20\n");
                    }
                }
            }
        }
        var feedback = ImportUnseekable(t.Db, b.ToString());
        feedback.Status.ShouldBe(SubmissionStatus.Accepted);
        feedback.RowsRead.ShouldBe(3_024);
        feedback.RowsStored.ShouldBe(3_024);
        SkrStore.Figures(t.Db, null, "13").Figures.Count.ShouldBe(144);
        // The same bytes again change nothing: the hash of the spooled copy is the stored one.
        ImportUnseekable(t.Db, b.ToString()).Unchanged.ShouldBeTrue();
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void Repeated_rows_are_named_with_their_first_row_and_nothing_is_stored(string provider)
    {
        using var t = TestDatabases.Create(provider);
        SkrTestData.Import(t.Db, SkrTestData.Agreeing).Accepted.ShouldBeTrue();
        // Row 2 and 5 are the same cell (sex k = K); row 6 repeats row 3 with another spelling of the period's month; row 4 has an error.
        var feedback = ImportUnseekable(t.Db, Header +
            "01;BROST;K;2025-03;1;1;;;\n" +
            "03;PROSTATA;M;2025-04;2;2;;;\n" +
            "01;BROST;X;2025-03;2;2;;;\n" +
            "01;BROST;k;2025-03;2;2;;;\n" +
            "03;PROSTATA;M;2025-04;1;1;;;\n");
        feedback.Status.ShouldBe(SubmissionStatus.Rejected);
        feedback.Issues.Select(i => (i.Code, i.Row)).ShouldBe([("sex.invalid", 4), ("row.duplicate", 5), ("row.duplicate", 6)]);
        feedback.Issues[1].Message.ShouldBe("Samma region, SVF, kön och period som rad 2. Varje kombination får bara förekomma en gång.");
        feedback.Issues[2].Message.ShouldContain("rad 3");
        // The earlier import stays current with its three rows; the rejected one has none.
        var (import, figures) = SkrStore.Figures(t.Db, null, null);
        import!.VersionNumber.ShouldBe(1);
        figures.Count.ShouldBe(3);
    }
}
