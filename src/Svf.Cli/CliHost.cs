using Microsoft.Extensions.DependencyInjection;
using Svf.Application;
using Svf.Indicators;
using Svf.Ingestion;

namespace Svf.Cli;

/// <summary>How a command gets the use-case services (the same <see cref="ServiceCollectionExtensions.AddSvf"/> as the web app) and its caller.</summary>
internal static class CliHost
{
    /// <summary>The services for one command run; dispose to close the database (opened and migrated only if a service needs it).</summary>
    /// <param name="db">The --db setting; null for SVF_DB or the default.</param>
    public static ServiceProvider Services(string? db, Pseudonymizer? pseudonymizer = null, string? referenceDir = null, string? rulesDir = null,
        TimeProvider? clock = null, IndicatorOptions? indicators = null) =>
        new ServiceCollection().AddSvf(o =>
        {
            o.FromEnvironment();
            o.Database = db ?? o.Database;
            o.Pseudonymizer = pseudonymizer;
            o.ReferenceDataDirectory = referenceDir;
            o.RulesDirectory = rulesDir;
            o.Clock = clock ?? TimeProvider.System;
            o.Indicators = indicators ?? new IndicatorOptions();
        }).BuildServiceProvider();

    /// <summary>The operator: with <c>--as-region R</c> a region reporter of R, otherwise a national analyst; the user is SVF_ACTOR or the OS user.</summary>
    public static Caller Caller(string? asRegion) =>
        asRegion is null ? Application.Caller.Analyst(CliOptions.Actor) : Application.Caller.RegionReporterOf(CliOptions.Actor, asRegion);

    /// <summary>The one option naming the reference-data folder: every command that reads reference data takes it.</summary>
    public static System.CommandLine.Option<string?> ReferenceDir() =>
        new("--reference-data") { Description = "Folder with newer reference CSV files (same names, e.g. regioner.csv with new population figures) to use instead of the built-in ones." };

    /// <summary>The option that makes the operator act as a region's user.</summary>
    public static System.CommandLine.Option<string?> AsRegion(string description) => new("--as-region") { Description = description };
}
