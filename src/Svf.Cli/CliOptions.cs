using System.CommandLine;
using Svf.Ingestion;

namespace Svf.Cli;

/// <summary>Options shared by several commands, and how the settings they name are resolved.</summary>
internal static class CliOptions
{
    public const string DbVariable = "SVF_DB";
    public const string KeyVariable = "SVF_PSEUDONYM_KEY";
    public const string KeyFileVariable = "SVF_PSEUDONYM_KEY_FILE";

    public static Option<string> Db() => new("--db")
    {
        Description = $"Database: sqlite:PATH (default sqlite:svf.db) or postgres:CONNECTION-STRING. Also ${DbVariable}.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(DbVariable) ?? "sqlite:svf.db",
    };

    public static Option<string?> KeyFile() => new("--key-file")
    {
        Description = $"File holding the pseudonymisation key (base64, at least 32 bytes). Or set ${KeyVariable} / ${KeyFileVariable}.",
    };

    public static Option<string?> Out() => new("--out", "-o")
    {
        Description = "Also write the result to this file; the format follows the extension (.csv or .json).",
    };

    /// <summary>The key from --key-file, SVF_PSEUDONYM_KEY or SVF_PSEUDONYM_KEY_FILE. Never from the repository.</summary>
    public static Pseudonymizer ResolveKey(string? keyFile)
    {
        keyFile ??= Environment.GetEnvironmentVariable(KeyFileVariable);
        if (keyFile is not null)
        {
            return Pseudonymizer.FromBase64(File.ReadAllText(keyFile));
        }
        var key = Environment.GetEnvironmentVariable(KeyVariable);
        if (key is not null)
        {
            return Pseudonymizer.FromBase64(key);
        }
        throw new CliException($"No pseudonymisation key configured. Set {KeyVariable} (base64, 32 bytes or more), {KeyFileVariable} or --key-file. " +
                               "Create one with: svf new-key > svf.key");
    }

    public static string Actor => Environment.GetEnvironmentVariable("SVF_ACTOR") ?? Environment.UserName;
}

/// <summary>A user error: printed without a stack trace, exit code 2 (<see cref="ExitCodes.UsageError"/>).</summary>
internal sealed class CliException(string message) : Exception(message);
