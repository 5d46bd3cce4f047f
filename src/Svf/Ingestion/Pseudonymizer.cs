using System.Security.Cryptography;
using System.Text;

namespace Svf.Ingestion;

/// <summary>
/// Replaces a personal identity number with a keyed hash (HMAC-SHA256, first 128 bits as hex). The same person gets the
/// same key within one key, so duplicates and repeat pathways can be found, but the number cannot be recovered without
/// the key. The key comes from configuration (SVF_PSEUDONYM_KEY or a key file) and is never stored in the repository.
/// </summary>
public sealed class Pseudonymizer : IDisposable
{
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// A key must hold at least this many different byte values. 32 random bytes hold about 30 (fewer than 16 happens
    /// with a probability below 10⁻¹⁵), while typed, padded or patterned keys ("aaaa…", 0x00 0x01 0x00 0x01…) hold few.
    /// </summary>
    public const int MinimumDistinctBytes = 16;

    private readonly HMACSHA256 _hmac;

    public Pseudonymizer(byte[] key)
    {
        CheckKey(key);
        // One HMAC instance per pseudonymizer: the key schedule is computed once, not per row.
        _hmac = new HMACSHA256(key);
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
    }

    /// <summary>A short fingerprint of the key, stored with each submission so a key change is visible.</summary>
    public string KeyId { get; }

    public string PersonKey(string normalizedTwelveDigits)
    {
        Span<byte> input = stackalloc byte[12];
        Encoding.ASCII.GetBytes(normalizedTwelveDigits, input);
        Span<byte> mac = stackalloc byte[32];
        lock (_hmac)
        {
            _hmac.TryComputeHash(input, mac, out _);
        }
        return Convert.ToHexStringLower(mac[..16]);
    }

    /// <summary>
    /// Refuses a key that is too short or of low entropy: all zero bytes, fewer than <see cref="MinimumDistinctBytes"/>
    /// different byte values, or a shorter pattern repeated (e.g. the same 16 bytes twice). Such keys are what a
    /// placeholder, a typo'd configuration or a hand-made test value look like, and they make the pseudonyms guessable.
    /// </summary>
    public static void CheckKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The pseudonymisation key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }
        if (!key.AsSpan().ContainsAnyExcept((byte)0))
        {
            throw new ArgumentException("The pseudonymisation key is all zero bytes. Create a random one with: svf new-key", nameof(key));
        }
        var distinct = key.Distinct().Count();
        if (distinct < MinimumDistinctBytes)
        {
            throw new ArgumentException(
                $"The pseudonymisation key has too little entropy: {distinct} different byte values, at least {MinimumDistinctBytes} required. Create a random one with: svf new-key",
                nameof(key));
        }
        for (var period = 1; period <= key.Length / 2; period++)
        {
            if (key.AsSpan(period).SequenceEqual(key.AsSpan(0, key.Length - period)))
            {
                throw new ArgumentException(
                    $"The pseudonymisation key has too little entropy: it repeats a pattern of {period} bytes. Create a random one with: svf new-key", nameof(key));
            }
        }
    }

    /// <summary>Reads a key given as base64 (at least 32 bytes once decoded).</summary>
    public static Pseudonymizer FromBase64(string base64) => new(Convert.FromBase64String(base64.Trim()));

    /// <summary>Releases the HMAC instance (and its copy of the key).</summary>
    public void Dispose() => _hmac.Dispose();

    public static string NewKeyBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes));
}
