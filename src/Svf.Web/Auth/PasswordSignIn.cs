using Microsoft.AspNetCore.Identity;
using Svf.Accounts;
using Svf.Storage;

namespace Svf.Web.Auth;

/// <summary>Checks a username and password against the accounts table with ASP.NET Core's PasswordHasher (PBKDF2, per-user salt).</summary>
public sealed class PasswordSignIn(SvfDatabase db)
{
    private static readonly PasswordHasher<Account> Hasher = new();

    // Compared against when the user does not exist, so a wrong username takes as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "svf-dummy-password-for-timing");

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>The hash of a new password (at least 12 characters), or null when none is given (an account for OpenID Connect only).</summary>
    public static string? HashIfGiven(string? password) => password switch
    {
        null or "" => null,
        { Length: < 12 } => throw new ArgumentException("Lösenordet ska ha minst 12 tecken."),
        _ => Hash(password),
    };

    /// <summary>The account, or null (unknown user, wrong password or deactivated: the caller cannot tell which). Audited.</summary>
    public Account? Check(string? username, string? password)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password) || username.Length > 200 || password.Length > 1000)
        {
            return null;
        }
        var account = AccountStore.FindByUsername(db, username);
        if (account?.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            AuditLog.Write(db, AccountStore.Normalize(username), "login.failed", null, null, "unknown user or no local password");
            return null;
        }
        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed || !account.IsActive)
        {
            AuditLog.Write(db, account.Username, "login.failed", account.RegionCode, null, account.IsActive ? "wrong password" : "account deactivated");
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            AccountStore.SetPasswordHash(db, account.Id, Hash(password), account.Username);
        }
        AuditLog.Write(db, account.Username, "login", account.RegionCode, null, "password");
        return account;
    }
}
