using Svf.Accounts;
using Svf.ReferenceData;
using Svf.Storage;

namespace Svf.Application;

/// <summary>A new account: the role decides whether a region (reporters) or an RCC (RCC coordinators) is required.</summary>
/// <param name="PasswordHash">The host's password hash (null: the account signs in only through OpenID Connect).</param>
/// <param name="ExternalSubject">The identity provider's "sub" for OpenID Connect sign-in, or null.</param>
public sealed record NewAccount(string Username, string DisplayName, string? PasswordHash, string Role, string? RegionCode, string? RccCode, string? ExternalSubject);

/// <summary>
/// Portal accounts and API tokens (administrators only; they see no SVF data). Passwords arrive hashed by the host; tokens are
/// returned once and stored as their SHA-256. Every change and refusal is audited.
/// </summary>
public sealed class AccountUseCases
{
    private readonly SvfDatabase _db;
    private readonly ReferenceDataSet _reference;
    private readonly TimeProvider _clock;
    private readonly Scope _scope;

    public AccountUseCases(SvfDatabase db, ReferenceDataSet reference, TimeProvider clock)
    {
        _db = db;
        _reference = reference;
        _clock = clock;
        _scope = new Scope(db, reference);
    }

    /// <exception cref="AccessDeniedException">Not an administrator (audited as "accounts.denied").</exception>
    public IReadOnlyList<Account> List(Caller caller)
    {
        Demand(caller);
        return AccountStore.List(_db);
    }

    /// <exception cref="ArgumentException">A username taken or malformed, a reporter without a valid region, an RCC coordinator without a valid RCC.</exception>
    public Account Create(Caller caller, NewAccount account)
    {
        Demand(caller);
        ArgumentNullException.ThrowIfNull(account);
        var role = Enum.TryParse<Role>(account.Role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new ArgumentException($"Okänd roll '{account.Role}': använd {string.Join(", ", Enum.GetNames<Role>())}.");
        var username = AccountStore.Normalize(account.Username ?? "");
        if (username.Length is < 2 or > 100 || username.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '@')))
        {
            throw new ArgumentException("Användarnamnet ska vara 2–100 tecken: bokstäver a–z, siffror, - _ . @.");
        }
        if (AccountStore.FindByUsername(_db, username) is not null)
        {
            throw new ArgumentException($"Användarnamnet {username} är upptaget.");
        }
        var region = role == Role.RegionReporter ? _scope.Region(account.RegionCode, "region för regionrapportören") : null;
        var rcc = role == Role.RccCoordinator
            ? _reference.Rccs.FirstOrDefault(r => r.Code == account.RccCode)?.Code
              ?? throw new ArgumentException($"Okänt RCC '{account.RccCode}': använd {string.Join(", ", _reference.Rccs.Select(r => r.Code))}.")
            : null;
        if (account.PasswordHash is null && string.IsNullOrWhiteSpace(account.ExternalSubject))
        {
            throw new ArgumentException("Kontot behöver ett lösenord eller en koppling till e-legitimation (extern identitet).");
        }
        var id = AccountStore.Create(_db, username, string.IsNullOrWhiteSpace(account.DisplayName) ? username : account.DisplayName.Trim(), account.PasswordHash,
            role.ToString(), region, rcc, string.IsNullOrWhiteSpace(account.ExternalSubject) ? null : account.ExternalSubject.Trim(), caller.UserId, _clock);
        return AccountStore.FindById(_db, id)!;
    }

    /// <summary>Deactivating also revokes the account's tokens.</summary>
    public void SetActive(Caller caller, long accountId, bool active)
    {
        Demand(caller);
        _ = AccountStore.FindById(_db, accountId) ?? throw new KeyNotFoundException($"Konto {accountId} finns inte.");
        AccountStore.SetActive(_db, accountId, active, caller.UserId, _clock);
    }

    /// <summary>A long-lived token for an account (e.g. a region's own system); returned once, stored hashed.</summary>
    public string IssueToken(Caller caller, long accountId, string label, TimeSpan lifetime)
    {
        Demand(caller);
        var account = AccountStore.FindById(_db, accountId) ?? throw new KeyNotFoundException($"Konto {accountId} finns inte.");
        if (!account.IsActive)
        {
            throw new ArgumentException($"Kontot {account.Username} är inaktiverat.");
        }
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(400))
        {
            throw new ArgumentException("En token gäller mellan en dag och 400 dagar.");
        }
        return AccountStore.IssueToken(_db, accountId, string.IsNullOrWhiteSpace(label) ? "API-token" : label.Trim(), lifetime, caller.UserId, _clock);
    }

    public IReadOnlyList<ApiTokenInfo> Tokens(Caller caller, long accountId)
    {
        Demand(caller);
        return AccountStore.Tokens(_db, accountId);
    }

    public void RevokeToken(Caller caller, long tokenId)
    {
        Demand(caller);
        AccountStore.RevokeToken(_db, tokenId, caller.UserId, _clock);
    }

    private void Demand(Caller caller)
    {
        _scope.CheckCaller(caller, "accounts");
        _scope.Demand(caller.Role == Role.Administrator, caller, "accounts", null, null, $"{caller.RoleText} får inte hantera konton.");
    }
}
