using Svf.Indicators;
using Svf.Ingestion;

namespace Svf.Application;

/// <summary>
/// The one configuration of the platform, the same for the CLI and the web app (<see cref="ServiceCollectionExtensions.AddSvf"/>):
/// where the database is, where the pseudonymisation key comes from, the one place reference data and rules are taken from,
/// the clock, and the indicator definitions' open points.
/// </summary>
public sealed class SvfOptions
{
    /// <summary>Environment variable naming the database (read by <see cref="FromEnvironment"/>).</summary>
    public const string DbVariable = "SVF_DB";

    /// <summary>Environment variable holding the pseudonymisation key as base64.</summary>
    public const string KeyVariable = "SVF_PSEUDONYM_KEY";

    /// <summary>Environment variable naming a file that holds the pseudonymisation key as base64.</summary>
    public const string KeyFileVariable = "SVF_PSEUDONYM_KEY_FILE";

    /// <summary>"sqlite:PATH" (default sqlite:svf.db) or "postgres:CONNECTION-STRING". The schema is migrated once, when the database is first resolved.</summary>
    public string Database { get; set; } = "sqlite:svf.db";

    /// <summary>The pseudonymisation key as base64 (at least 32 bytes). Used when <see cref="PseudonymKeyFile"/> is not set.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>A file holding the pseudonymisation key as base64. Takes precedence over <see cref="PseudonymKey"/>. Never a file in the repository.</summary>
    public string? PseudonymKeyFile { get; set; }

    /// <summary>A ready pseudonymiser (e.g. one the host has already resolved and checked). Takes precedence over the key settings.</summary>
    public Pseudonymizer? Pseudonymizer { get; set; }

    /// <summary>Folder with newer reference CSV files (regioner.csv, ledtider.csv, …; same names); files not there come from the built-in set. Null: built-in only.</summary>
    public string? ReferenceDataDirectory { get; set; }

    /// <summary>Folder with further agreement-YYYY.json rules files (a new year needs no code change). Null: built-in rules only.</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>The clock: receipt times, "today" for validation and deadlines. Tests and back-dated receipts set a fixed one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The indicator definitions' open points (goals, numerator, proration, suppression, confidence).</summary>
    public IndicatorOptions Indicators { get; set; } = new();

    /// <summary>The settings the environment gives: SVF_DB, SVF_PSEUDONYM_KEY and SVF_PSEUDONYM_KEY_FILE (others keep their defaults).</summary>
    public SvfOptions FromEnvironment()
    {
        Database = Environment.GetEnvironmentVariable(DbVariable) ?? Database;
        PseudonymKey = Environment.GetEnvironmentVariable(KeyVariable) ?? PseudonymKey;
        PseudonymKeyFile = Environment.GetEnvironmentVariable(KeyFileVariable) ?? PseudonymKeyFile;
        return this;
    }

    /// <summary>The pseudonymiser: <see cref="Pseudonymizer"/>, else from <see cref="PseudonymKeyFile"/> or <see cref="PseudonymKey"/>; an <see cref="InvalidOperationException"/> saying how to configure one when neither is set.</summary>
    public Pseudonymizer CreatePseudonymizer()
    {
        if (Pseudonymizer is { } ready)
        {
            return ready;
        }
        if (PseudonymKeyFile is { } file)
        {
            return Pseudonymizer.FromBase64(File.ReadAllText(file));
        }
        if (PseudonymKey is { } key)
        {
            return Pseudonymizer.FromBase64(key);
        }
        throw new InvalidOperationException($"No pseudonymisation key configured. Set {KeyVariable} (base64, 32 bytes or more), {KeyFileVariable} or --key-file. " +
                                            "Create one with: svf new-key > svf.key");
    }
}
