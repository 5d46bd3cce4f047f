using System.Buffers;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// A region's files: receive one (validate, pseudonymise, store as a new version), list the history, show a feedback report,
/// withdraw a wrongly sent submission. Every call is scoped to the caller's region and audited, refusals included.
/// </summary>
public sealed class SubmissionUseCases
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly Func<Pseudonymizer> _pseudonymizer;
    private readonly TimeProvider _clock;
    private readonly Scope _scope;

    /// <param name="db">The database (migrated).</param>
    /// <param name="reference">Regions, SVF, limits: the configured reference data.</param>
    /// <param name="pseudonymizer">Gives the pseudonymiser; called only when a file is received (a read-only host needs no key).</param>
    /// <param name="clock">Receipt time and "today" for validation.</param>
    public SubmissionUseCases(SvfDatabase db, ReferenceDataSet reference, Func<Pseudonymizer> pseudonymizer, TimeProvider clock)
    {
        _db = db;
        _reference = reference;
        _pseudonymizer = pseudonymizer;
        _clock = clock;
        _scope = new Scope(db, reference);
    }

    /// <summary>
    /// Receives a region's file for a period and stores it as a new submission version (or rejects it with feedback; or, if it is
    /// identical to the current version, changes nothing). The content is read asynchronously: a <see cref="FileStream"/> or
    /// <see cref="MemoryStream"/> in place, any other stream (e.g. an HTTP request body) spooled to a temporary file first, so
    /// memory stays bounded whatever the size; the file is then validated row by row and nothing is stored unless all of it is valid.
    /// </summary>
    /// <param name="caller">Its own region's reporter, or a national analyst acting as receiving operator.</param>
    /// <param name="kind"><see cref="SubmissionKind.Pathways"/> or <see cref="SubmissionKind.NewCases"/> ("new-cases" also accepted).</param>
    /// <param name="regionCode">The sending region (two-digit county code).</param>
    /// <param name="period">The period the file covers.</param>
    /// <param name="content">The CSV bytes; not disposed here.</param>
    /// <param name="fileName">The file's name as sent (only its last part is kept).</param>
    /// <param name="ct">Cancels the upload; a cancelled upload stores nothing.</param>
    /// <returns>The feedback report (status, counts, issues naming row and field; never a personal number).</returns>
    /// <exception cref="ArgumentException">Unknown region code or kind (nothing audited: no region was touched).</exception>
    /// <exception cref="AccessDeniedException">The caller may not send for the region; the attempt is audited as "submission.submit.denied".</exception>
    public async Task<FeedbackReport> SubmitAsync(Caller caller, string kind, string regionCode, ReportingPeriod period, Stream content, string fileName,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var region = _scope.Region(regionCode);
        var k = Kind(kind);
        _scope.CheckCaller(caller, "submission.submit");
        _scope.Demand(caller.CanActForRegion(region), caller, "submission.submit", region, null,
            $"{caller.RoleText} får inte skicka in filer för region {region}.");

        var (seekable, owned) = await SeekableAsync(content, ct).ConfigureAwait(false);
        try
        {
            ct.ThrowIfCancellationRequested();
            using var checking = new CancellableReadStream(seekable, ct);
            var service = new SubmissionService(_db, _reference, _pseudonymizer(), _clock);
            return k == SubmissionKind.Pathways
                ? service.SubmitPathways(checking, fileName, region, period, caller.UserId)
                : service.SubmitNewCases(checking, fileName, region, period, caller.UserId);
        }
        finally
        {
            if (owned)
            {
                await seekable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Every submission version received (accepted, superseded, rejected, withdrawn), newest first. Audited as "submission.history.read".
    /// </summary>
    /// <param name="caller">A region reporter sees its own region; an RCC coordinator its RCC's regions; an analyst every region.</param>
    /// <param name="regionCode">One region; null for all the caller may see (a region reporter: its own).</param>
    /// <exception cref="AccessDeniedException">The caller may not see the region (audited as "submission.history.denied").</exception>
    public IReadOnlyList<SubmissionInfo> History(Caller caller, string? regionCode = null)
    {
        var region = regionCode is null ? null : _scope.Region(regionCode);
        _scope.CheckCaller(caller, "submission.history");
        if (region is null && caller.Role == Role.RegionReporter)
        {
            region = caller.RegionCode;
        }
        if (region is not null)
        {
            _scope.Demand(caller.CanSeeReportingStatus(region, _reference), caller, "submission.history", region, null,
                $"{caller.RoleText} får inte se inrapporteringarna från region {region}.");
        }
        else
        {
            _scope.Demand(caller.Role is Role.NationalAnalyst or Role.RccCoordinator, caller, "submission.history", null, null,
                $"{caller.RoleText} får inte se inrapporteringarna.");
        }
        var rows = SubmissionStore.History(_db, region);
        if (region is null && caller.Role == Role.RccCoordinator)
        {
            rows = rows.Where(s => caller.CanSeeReportingStatus(s.RegionCode, _reference)).ToList();
        }
        _scope.Audit(caller, "submission.history.read", region, null,
            $"{rows.Count} submission versions listed" + (region is null && caller.RccCode is { } rcc ? $" (RCC {rcc})" : ""));
        return rows;
    }

    /// <summary>The stored feedback report of one submission, or null if there is no such submission. Audited as "submission.feedback.read".</summary>
    /// <param name="caller">The submission's region reporter, its RCC coordinator or an analyst.</param>
    /// <param name="submissionId">The submission id (as in <see cref="History"/>).</param>
    /// <exception cref="AccessDeniedException">The submission belongs to a region the caller may not see (audited as "submission.feedback.denied").</exception>
    public FeedbackReport? Feedback(Caller caller, long submissionId)
    {
        _scope.CheckCaller(caller, "submission.feedback");
        var found = SubmissionStore.Find(_db, submissionId);
        if (found is null)
        {
            return null;
        }
        _scope.Demand(caller.CanSeeReportingStatus(found.RegionCode, _reference), caller, "submission.feedback", found.RegionCode, submissionId,
            $"{caller.RoleText} får inte se återkopplingen till region {found.RegionCode}.");
        var report = SubmissionStore.Feedback(_db, submissionId);
        _scope.Audit(caller, "submission.feedback.read", found.RegionCode, submissionId, $"{found.Kind} {found.Period} v{found.VersionNumber}");
        return report;
    }

    /// <summary>
    /// Takes a current submission out of use without a replacement (it stays in the history as withdrawn; its rows no longer count).
    /// Audited as "submission.withdrawn"; a refusal is audited too: "submission.withdraw.denied" (another region's submission)
    /// or "submission.withdraw.refused" (no such submission, not current, no reason).
    /// </summary>
    /// <param name="caller">The submission's own region reporter, or an analyst.</param>
    /// <param name="submissionId">The submission to withdraw.</param>
    /// <param name="reason">Why (required; written to the audit log).</param>
    /// <returns>The submission as it is now (status withdrawn).</returns>
    /// <exception cref="AccessDeniedException">Another region's submission.</exception>
    /// <exception cref="ArgumentException">No such submission, not current, or no reason.</exception>
    public SubmissionInfo Withdraw(Caller caller, long submissionId, string reason)
    {
        _scope.CheckCaller(caller, "submission.withdraw");
        var found = SubmissionStore.Find(_db, submissionId);
        if (found is not null)
        {
            _scope.Demand(caller.CanActForRegion(found.RegionCode), caller, "submission.withdraw", found.RegionCode, submissionId,
                $"{caller.RoleText} får inte återkalla inrapportering {submissionId} från region {found.RegionCode}.");
        }
        try
        {
            if (found is null)
            {
                throw new ArgumentException($"Inrapportering {submissionId} finns inte.", nameof(submissionId));
            }
            return SubmissionStore.Withdraw(_db, submissionId, caller.UserId, reason);
        }
        catch (ArgumentException e)
        {
            _scope.Audit(caller, "submission.withdraw.refused", found?.RegionCode ?? (caller.Role == Role.RegionReporter ? caller.RegionCode : null), found?.Id,
                $"{caller.RoleText}: {e.Message}");
            throw;
        }
    }

    private static string Kind(string kind) => kind?.Trim().ToLowerInvariant() switch
    {
        SubmissionKind.Pathways => SubmissionKind.Pathways,
        SubmissionKind.NewCases or "new-cases" => SubmissionKind.NewCases,
        _ => throw new ArgumentException($"Okänd typ av inrapportering '{kind}': använd {SubmissionKind.Pathways} eller {SubmissionKind.NewCases}."),
    };

    /// <summary>
    /// A local file or memory stream is read in place; anything else (a request body) is copied asynchronously, 64 KiB at a time,
    /// to a temporary file that is deleted when closed. Synchronous reads of a request body are never made.
    /// </summary>
    internal static async Task<(Stream Stream, bool Owned)> SeekableAsync(Stream content, CancellationToken ct)
    {
        if (content is FileStream or MemoryStream && content.CanSeek && content.Position == 0)
        {
            return (content, false);
        }
        var tmp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int n;
            while ((n = await content.ReadAsync(buffer.AsMemory(0, 1 << 16), ct).ConfigureAwait(false)) > 0)
            {
                await tmp.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
            }
            await tmp.FlushAsync(ct).ConfigureAwait(false);
            tmp.Position = 0;
            return (tmp, true);
        }
        catch
        {
            await tmp.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Passes reads through and stops them once the token is cancelled: the validator stops mid-file and the transaction rolls back.</summary>
    private sealed class CancellableReadStream(Stream inner, CancellationToken ct) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ct.ThrowIfCancellationRequested();
            return inner.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            ct.ThrowIfCancellationRequested();
            return inner.Read(buffer);
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
