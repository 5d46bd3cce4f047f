using Svf.Indicators;
using Svf.Ingestion;
using Svf.Reconciliation;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// SKR's waiting-time figures (docs/skr-reconciliation.md): the import (national analysts, as the receiving operator of the
/// file RCC i samverkan obtains from SKR) and the reconciliation (analysts and ministry officials nationally, a region's
/// reporter for its own region). Every call is checked here and audited, refusals included ("skr.….denied").
/// </summary>
public sealed class SkrUseCases
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly IndicatorOptions _indicators;
    private readonly TimeProvider _clock;
    private readonly Scope _scope;

    public SkrUseCases(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions indicators, TimeProvider clock)
    {
        _db = db;
        _reference = reference;
        _indicators = indicators;
        _clock = clock;
        _scope = new Scope(db, reference);
    }

    /// <summary>Receives a file of SKR's figures: streamed, validated, a new version or rejected with nothing but the feedback stored.</summary>
    /// <exception cref="AccessDeniedException">The caller is not a national analyst (audited as "skr.import.denied").</exception>
    public ImportFeedback Import(Caller caller, Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        DemandImporter(caller);
        return new SkrImporter(_db, _reference, _clock).Import(content, fileName, caller.UserId);
    }

    /// <summary>
    /// As <see cref="Import"/> for a stream that must be read asynchronously (an HTTP request body): the caller is checked
    /// first, then the body is spooled to a temporary file (deleted on close), 64 KiB at a time, and imported from there.
    /// </summary>
    public async Task<ImportFeedback> ImportAsync(Caller caller, Stream content, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        DemandImporter(caller);
        var (seekable, owned) = await SubmissionUseCases.SeekableAsync(content, ct).ConfigureAwait(false);
        try
        {
            return new SkrImporter(_db, _reference, _clock).Import(seekable, fileName, caller.UserId);
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
    /// The cell-by-cell reconciliation. A region reporter gets its own region (<paramref name="regionCode"/> null or its own);
    /// analysts and ministry officials all regions or the one asked for. Audited ("skr.reconciled").
    /// </summary>
    /// <exception cref="AccessDeniedException">Another region, or a role without access (audited as "skr.reconcile.denied").</exception>
    /// <exception cref="KeyNotFoundException">No SKR figures imported (or no such import).</exception>
    public ReconciliationResult Reconcile(Caller caller, string? regionCode = null, ReconciliationTolerance? tolerance = null, long? importId = null,
        bool includeAgreeing = false)
    {
        var region = regionCode is null ? null : _scope.Region(regionCode);
        _scope.CheckCaller(caller, "skr.reconcile");
        switch (caller.Role)
        {
            case Role.NationalAnalyst or Role.MinistryViewer:
                break;
            case Role.RegionReporter:
                _scope.Demand(region is null || region == caller.RegionCode, caller, "skr.reconcile", region, null,
                    $"{caller.RoleText} får inte se avstämningen för region {region}.");
                region = caller.RegionCode;
                break;
            default:
                _scope.Deny(caller, "skr.reconcile", region, null, $"{caller.RoleText} har inte tillgång till avstämningen mot SKR:s väntetidsdata.");
                break;
        }
        return new ReconciliationService(_db, _reference, _indicators).Reconcile(caller.UserId, region, tolerance, importId, includeAgreeing);
    }

    /// <summary>Only national analysts import SKR's figures; anyone else is refused, audited as "skr.import.denied".</summary>
    private void DemandImporter(Caller caller)
    {
        _scope.CheckCaller(caller, "skr.import");
        _scope.Demand(caller.Role == Role.NationalAnalyst, caller, "skr.import", null, null,
            $"{caller.RoleText} får inte importera SKR:s väntetidsdata: det gör Socialstyrelsens analytiker.");
    }
}
