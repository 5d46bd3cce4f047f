using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// The checks every use-case service makes before touching a region's data: the region code is a real one (clear message
/// otherwise) and the caller may do what it asks; a refusal is written to the audit log before it is thrown.
/// </summary>
internal sealed class Scope(SvfDatabase db, ReferenceDataSet reference)
{
    /// <summary>The region code, trimmed, if it is one of the 21 regions; otherwise an <see cref="ArgumentException"/> naming the valid form.</summary>
    public string Region(string? regionCode, string what = "regionkod")
    {
        var code = regionCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            throw new ArgumentException($"Ange {what}: tvåsiffrig länskod, t.ex. 01 för Stockholm.");
        }
        if (!reference.RegionsByCode.ContainsKey(code))
        {
            throw new ArgumentException($"Okänd {what} '{code}'. Använd tvåsiffrig länskod, t.ex. 01 för Stockholm ({string.Join(", ", reference.Regions.Select(r => r.Code))}).");
        }
        return code;
    }

    /// <summary>Throws when <paramref name="allowed"/> is false, after writing "<paramref name="action"/>.denied" to the audit log.</summary>
    public void Demand(bool allowed, Caller caller, string action, string? regionCode, long? submissionId, string message)
    {
        if (!allowed)
        {
            Deny(caller, action, regionCode, submissionId, message);
        }
    }

    /// <summary>Writes "<paramref name="action"/>.denied" to the audit log and throws <see cref="AccessDeniedException"/> with <paramref name="message"/>.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Deny(Caller caller, string action, string? regionCode, long? submissionId, string message)
    {
        AuditLog.Write(db, caller.UserId, action + ".denied", regionCode, submissionId, message);
        throw new AccessDeniedException(message);
    }

    /// <summary>Writes a successful operation to the audit log.</summary>
    public void Audit(Caller caller, string action, string? regionCode, long? submissionId, string detail) =>
        AuditLog.Write(db, caller.UserId, action, regionCode, submissionId, detail);

    /// <summary>
    /// A caller whose role needs a region or RCC but has none may do nothing region-scoped (denied, audited); an unknown region or
    /// RCC code is an <see cref="ArgumentException"/> with a clear message (e.g. a mistyped <c>--as-region</c>).
    /// </summary>
    public void CheckCaller(Caller caller, string action)
    {
        if (string.IsNullOrWhiteSpace(caller.UserId))
        {
            throw new ArgumentException("Anroparen saknar användar-id (det skrivs till granskningsloggen).");
        }
        if (caller.Role == Role.RegionReporter)
        {
            if (caller.RegionCode is null)
            {
                Deny(caller, action, null, null, "Användaren är regionrapportör men har ingen region.");
            }
            Region(caller.RegionCode, "regionkod för användaren");
        }
        if (caller.Role == Role.RccCoordinator)
        {
            if (caller.RccCode is null)
            {
                Deny(caller, action, null, null, "Användaren är RCC-samordnare men har inget RCC.");
            }
            if (reference.Rccs.All(r => r.Code != caller.RccCode))
            {
                throw new ArgumentException($"Okänt RCC '{caller.RccCode}' för användaren. Giltiga: {string.Join(", ", reference.Rccs.Select(r => r.Code))}.");
            }
        }
    }
}
