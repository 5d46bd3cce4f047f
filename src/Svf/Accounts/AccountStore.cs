using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Svf.Storage;

namespace Svf.Accounts;

/// <summary>A portal user. <see cref="Role"/> is the name of an <c>Svf.Application.Role</c>; the password is only ever held as a hash.</summary>
public sealed record Account(
    long Id,
    string Username,
    string DisplayName,
    string? PasswordHash,
    string Role,
    string? RegionCode,
    string? RccCode,
    string? ExternalSubject,
    bool IsActive,
    DateTime CreatedAtUtc);

/// <summary>An API token as stored: the token itself is never stored, only its SHA-256.</summary>
public sealed record ApiTokenInfo(long Id, long AccountId, string Label, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? RevokedAtUtc);

/// <summary>
/// Accounts and API tokens in the SVF database (schema version 10). Password hashing is the host's (ASP.NET Core's
/// PasswordHasher); tokens are 256-bit random values, stored as SHA-256 (a fast hash is enough for a value that cannot
/// be guessed). Every change is written to the audit log.
/// </summary>
public static class AccountStore
{
    private const string Columns = "id, username, display_name, password_hash, role, region_code, rcc_code, external_subject, is_active, created_at";

    public static long Create(SvfDatabase db, string username, string displayName, string? passwordHash, string role, string? regionCode,
        string? rccCode, string? externalSubject, string actor, TimeProvider clock)
    {
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        var id = Convert.ToInt64(SvfDatabase.Scalar(c, tx,
            "INSERT INTO accounts (username, display_name, password_hash, role, region_code, rcc_code, external_subject, is_active, created_at, created_by) " +
            "VALUES (@u, @d, @p, @r, @reg, @rcc, @ext, 1, @at, @by) RETURNING id",
            ("u", Normalize(username)), ("d", displayName), ("p", passwordHash), ("r", role), ("reg", regionCode), ("rcc", rccCode), ("ext", externalSubject),
            ("at", clock.GetUtcNow().UtcDateTime), ("by", actor)), CultureInfo.InvariantCulture);
        AuditLog.Write(c, tx, actor, "account.created", regionCode, null, $"account {Normalize(username)} ({role}{(regionCode is null ? "" : ", region " + regionCode)}{(rccCode is null ? "" : ", RCC " + rccCode)})");
        tx.Commit();
        return id;
    }

    public static Account? FindByUsername(SvfDatabase db, string username) =>
        Query(db, $"SELECT {Columns} FROM accounts WHERE username = @u", ("u", Normalize(username))).SingleOrDefault();

    public static Account? FindById(SvfDatabase db, long id) =>
        Query(db, $"SELECT {Columns} FROM accounts WHERE id = @id", ("id", id)).SingleOrDefault();

    public static Account? FindByExternalSubject(SvfDatabase db, string subject) =>
        Query(db, $"SELECT {Columns} FROM accounts WHERE external_subject = @s", ("s", subject)).SingleOrDefault();

    public static List<Account> List(SvfDatabase db) => Query(db, $"SELECT {Columns} FROM accounts ORDER BY username");

    public static void SetPasswordHash(SvfDatabase db, long id, string passwordHash, string actor)
    {
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        SvfDatabase.Execute(c, tx, "UPDATE accounts SET password_hash = @p WHERE id = @id", ("p", passwordHash), ("id", id));
        AuditLog.Write(c, tx, actor, "account.password_set", null, null, $"account id {id}");
        tx.Commit();
    }

    /// <summary>Deactivating an account also revokes its API tokens.</summary>
    public static void SetActive(SvfDatabase db, long id, bool active, string actor, TimeProvider clock)
    {
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        SvfDatabase.Execute(c, tx, "UPDATE accounts SET is_active = @a WHERE id = @id", ("a", active ? 1 : 0), ("id", id));
        if (!active)
        {
            SvfDatabase.Execute(c, tx, "UPDATE api_tokens SET revoked_at = @at WHERE account_id = @id AND revoked_at IS NULL",
                ("at", clock.GetUtcNow().UtcDateTime), ("id", id));
        }
        AuditLog.Write(c, tx, actor, active ? "account.activated" : "account.deactivated", null, null, $"account id {id}");
        tx.Commit();
    }

    /// <summary>Issues a new bearer token for the account and returns it; only its hash is stored, so it cannot be shown again.</summary>
    public static string IssueToken(SvfDatabase db, long accountId, string label, TimeSpan lifetime, string actor, TimeProvider clock)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        SvfDatabase.Execute(c, tx,
            "INSERT INTO api_tokens (account_id, token_sha256, label, created_at, expires_at, revoked_at) VALUES (@a, @h, @l, @at, @exp, NULL)",
            ("a", accountId), ("h", TokenHash(token)), ("l", label), ("at", now), ("exp", now + lifetime));
        AuditLog.Write(c, tx, actor, "token.issued", null, null, $"account id {accountId}: {label}, valid until {Svf.Output.IsoDate.Instant(now + lifetime)}");
        tx.Commit();
        return token;
    }

    /// <summary>The active account a token belongs to, if the token exists, is not revoked and has not expired.</summary>
    public static Account? FindByToken(SvfDatabase db, string token, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            return null;
        }
        return Query(db,
            $"SELECT {string.Join(", ", Columns.Split(", ").Select(col => "a." + col))} FROM api_tokens t JOIN accounts a ON a.id = t.account_id " +
            "WHERE t.token_sha256 = @h AND t.revoked_at IS NULL AND t.expires_at > @now AND a.is_active = 1",
            ("h", TokenHash(token)), ("now", nowUtc)).SingleOrDefault();
    }

    public static List<ApiTokenInfo> Tokens(SvfDatabase db, long accountId)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null,
            "SELECT id, account_id, label, created_at, expires_at, revoked_at FROM api_tokens WHERE account_id = @a ORDER BY id", ("a", accountId));
        using var r = cmd.ExecuteReader();
        var list = new List<ApiTokenInfo>();
        while (r.Read())
        {
            list.Add(new ApiTokenInfo(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Utc(r, 3), Utc(r, 4), r.IsDBNull(5) ? null : Utc(r, 5)));
        }
        return list;
    }

    public static void RevokeToken(SvfDatabase db, long tokenId, string actor, TimeProvider clock)
    {
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        SvfDatabase.Execute(c, tx, "UPDATE api_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", ("at", clock.GetUtcNow().UtcDateTime), ("id", tokenId));
        AuditLog.Write(c, tx, actor, "token.revoked", null, null, $"token id {tokenId}");
        tx.Commit();
    }

    /// <summary>Usernames are compared case-insensitively: stored lower-case, trimmed.</summary>
    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static DateTime Utc(DbDataReader r, int i) => DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc);

    private static List<Account> Query(SvfDatabase db, string sql, params (string, object?)[] ps)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null, sql, ps);
        using var r = cmd.ExecuteReader();
        var list = new List<Account>();
        while (r.Read())
        {
            list.Add(new Account(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
                r.GetInt32(8) == 1, Utc(r, 9)));
        }
        return list;
    }
}
