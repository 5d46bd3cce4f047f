using System.Security.Cryptography;
using Svf.Ingestion;

namespace Svf.Tests.Support;

/// <summary>Pseudonymisation keys for tests: random, as <c>svf new-key</c> makes them (a key of zeros is refused).</summary>
internal static class TestKeys
{
    /// <summary>One random key for the whole test run, so every service a test builds on one database uses the same key.</summary>
    public static readonly byte[] Default = RandomNumberGenerator.GetBytes(Svf.Ingestion.Pseudonymizer.MinimumKeyBytes);

    /// <summary>Another random key, different from <see cref="Default"/>.</summary>
    public static byte[] Other() => RandomNumberGenerator.GetBytes(Svf.Ingestion.Pseudonymizer.MinimumKeyBytes);

    public static Svf.Ingestion.Pseudonymizer Pseudonymizer() => new(Default);
}
