namespace Svf.Web;

/// <summary>
/// The portal's settings (configuration section "Portal"; environment variables Portal__Database etc.). Documented in
/// docs/portal.md. Everything has a safe default except the database and the pseudonymisation key.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>"sqlite:PATH" or "postgres:CONNECTION-STRING" (as the CLI's --db); falls back to SVF_DB, then sqlite:svf.db.</summary>
    public string? Database { get; set; }

    /// <summary>The pseudonymisation key (base64, ≥ 32 bytes); or <see cref="PseudonymKeyFile"/>; falls back to SVF_PSEUDONYM_KEY / SVF_PSEUDONYM_KEY_FILE.</summary>
    public string? PseudonymKey { get; set; }

    public string? PseudonymKeyFile { get; set; }

    /// <summary>Folder with newer reference CSV files (regioner.csv, ledtider.csv, …), as the CLI's --reference-data; null: built-in.</summary>
    public string? ReferenceDataDirectory { get; set; }

    /// <summary>Folder with further agreement-YYYY.json rules files, as the CLI's --rules-dir; null: built-in rules only.</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>Demo mode: the demo accounts of docs/portal.md are created at start. Never in production.</summary>
    public bool Demo { get; set; }

    /// <summary>Plain HTTP allowed (cookies then follow the request's scheme): demo, tests and a TLS-terminating proxy only.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>The largest upload accepted, in bytes (page and API). A larger request is refused before it is read.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The largest request body of any other request, in bytes (forms, JSON).</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Sign-in attempts (page and POST /api/v1/token) per client address and minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Uploads per user and minute (page and API).</summary>
    public int UploadsPerMinute { get; set; } = 20;

    /// <summary>How long a signed-in page session lasts without activity (sliding).</summary>
    public int SessionMinutes { get; set; } = 30;

    /// <summary>Lifetime of a token from POST /api/v1/token.</summary>
    public int TokenHours { get; set; } = 8;

    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>
/// Sign-in through an OpenID Connect identity provider (for Swedish agencies typically one brokering SITHS or Freja eID).
/// Off by default. A user signing in this way must have an account whose external subject is the provider's "sub"
/// (an administrator creates it); the role and region come from that account, never from the provider's claims.
/// </summary>
public sealed class OidcOptions
{
    public bool Enabled { get; set; }
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string CallbackPath { get; set; } = "/signin-oidc";
    /// <summary>The text on the sign-in button, e.g. "Logga in med SITHS-kort".</summary>
    public string ButtonText { get; set; } = "Logga in med e-legitimation";
}
