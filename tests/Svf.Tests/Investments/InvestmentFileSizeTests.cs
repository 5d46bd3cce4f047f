using System.Text;
using Svf.Ingestion;
using Svf.Investments;
using Svf.Tests.Support;

namespace Svf.Tests.Investments;

/// <summary>An RCC's report is read into memory only up to <see cref="InvestmentService.MaxFileBytes"/> (docs/special-investments.md §2.3).</summary>
public class InvestmentFileSizeTests
{
    /// <summary>A header and then area rows without end, as an upload that never stops; counts what was read.</summary>
    private sealed class EndlessReport : Stream
    {
        private readonly byte[] _header = Encoding.UTF8.GetBytes(InvestmentTestData.Header);
        private readonly byte[] _row = Encoding.UTF8.GetBytes("area;patologi;Kriterier;1;;;;;;;;;;;;\n");
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var at = BytesRead + i;
                buffer[offset + i] = at < _header.Length ? _header[at] : _row[(at - _header.Length) % _row.Length];
            }
            BytesRead += count;
            return count;
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_too_large_report_is_refused_naming_the_file_without_reading_the_rest_and_nothing_is_stored(string provider)
    {
        using var t = TestDatabases.Create(provider);
        InvestmentTestData.Import(t.Db, InvestmentTestData.Vast2025).Accepted.ShouldBeTrue();
        var service = InvestmentTestData.Service(t.Db);
        var actor = InvestmentActor.Rcc("rcc-user", "Vast");
        var endless = new EndlessReport();

        var feedback = service.Import(actor, "Vast", 2025, endless, "sarskilda-satsningar-Vast-2025.csv");

        feedback.Status.ShouldBe(SubmissionStatus.Rejected);
        feedback.RowsStored.ShouldBe(0);
        var issue = feedback.Issues.ShouldHaveSingleItem();
        issue.Code.ShouldBe("file.too_large");
        issue.Message.ShouldBe("Filen 'sarskilda-satsningar-Vast-2025.csv' är större än 2 MB och har inte lästs. " +
            "En redovisning av de särskilda satsningarna är normalt några kilobyte: kontrollera att rätt fil skickats.");
        // Reading stopped at the cap (one buffer past it), not at the end of a file that has none.
        endless.BytesRead.ShouldBeLessThanOrEqualTo(InvestmentService.MaxFileBytes + 81920);
        // The accepted report stays current, unchanged; the refusal is a rejected version with its feedback only.
        var current = service.Current(actor, "Vast", 2025).ShouldNotBeNull();
        current.VersionNumber.ShouldBe(1);
        current.Projects.Count.ShouldBe(3);
        service.History(actor, 2025).Select(h => (h.VersionNumber, h.Status, h.IsCurrent))
            .ShouldBe([(1, SubmissionStatus.AcceptedWithWarnings, true), (2, SubmissionStatus.Rejected, false)]);
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_report_of_exactly_the_cap_is_read(string provider)
    {
        using var t = TestDatabases.Create(provider);
        // The test report padded with blank lines to exactly MaxFileBytes bytes: read and validated like any other.
        var text = InvestmentTestData.Vast2025;
        var padded = text + new string('\n', InvestmentService.MaxFileBytes - Encoding.UTF8.GetByteCount(text));
        Encoding.UTF8.GetByteCount(padded).ShouldBe(InvestmentService.MaxFileBytes);
        var feedback = InvestmentTestData.Import(t.Db, padded);
        feedback.Issues.ShouldNotContain(i => i.Code == "file.too_large");
        feedback.Accepted.ShouldBeTrue();
    }
}
