using System.Data.Common;
using Svf.Storage;

namespace Svf.Ingestion;

/// <summary>
/// Binds a database to one pseudonymisation key. The key id (<see cref="Pseudonymizer.KeyId"/>, never the key) is
/// recorded on the first submission; a submission pseudonymised with another key is refused before anything is stored,
/// since its person keys would silently fail to link with those already stored. There is no key rotation command: a new
/// key means a new database into which every file is ingested again (docs/submission-format.md, section 5).
/// </summary>
internal static class PseudonymKeyGuard
{
    /// <summary>Records <paramref name="keyId"/> if the database has no key yet; throws if it has another one (the refusal is audited).</summary>
    public static void Check(SvfDatabase db, string keyId, string actor, DateTime nowUtc)
    {
        using var c = db.OpenConnection();
        var recorded = Recorded(c, null);
        if (recorded is null)
        {
            using var tx = c.BeginTransaction();
            // Two first submissions at once: one inserts, the other finds its row (PostgreSQL waits for it, SQLite's write lock orders them).
            var inserted = SvfDatabase.Execute(c, tx,
                "INSERT INTO pseudonym_key (id, key_id, recorded_at, recorded_by) VALUES (1, @k, @at, @by) ON CONFLICT (id) DO NOTHING",
                ("k", keyId), ("at", nowUtc), ("by", actor));
            if (inserted == 1)
            {
                AuditLog.Write(c, tx, actor, "pseudonym_key.recorded", null, null, $"key id {keyId}: the database is bound to this key from now on");
            }
            tx.Commit();
            recorded = Recorded(c, null);
        }
        if (!string.Equals(recorded, keyId, StringComparison.Ordinal))
        {
            AuditLog.Write(c, null, actor, "pseudonym_key.refused", null, null, $"key id {keyId} refused: the database is bound to key id {recorded}");
            throw new PseudonymKeyMismatchException(recorded!, keyId);
        }
    }

    /// <summary>The key id the database is bound to, or null before the first submission.</summary>
    public static string? Recorded(DbConnection c, DbTransaction? tx) =>
        SvfDatabase.Scalar(c, tx, "SELECT key_id FROM pseudonym_key WHERE id = 1") as string;
}

/// <summary>The configured pseudonymisation key is not the one the database was built with. A user error (wrong key configured).</summary>
public sealed class PseudonymKeyMismatchException(string recordedKeyId, string givenKeyId) : ArgumentException(
    $"Fel pseudonymiseringsnyckel: databasen är byggd med nyckel-id {recordedKeyId}, den angivna nyckeln har id {givenKeyId}. " +
    "Personnycklarna skulle inte kunna kopplas ihop med de lagrade, så inget lagrades. Använd samma nyckel som tidigare. / " +
    $"Wrong pseudonymisation key: the database was built with key id {recordedKeyId}, the configured key has id {givenKeyId}. " +
    "Person keys would not link with those stored, so nothing was stored. Use the key the database was built with.")
{
    public string RecordedKeyId { get; } = recordedKeyId;

    public string GivenKeyId { get; } = givenKeyId;
}
