using System.Security.Cryptography;
using System.Text;

namespace Svf.Ingestion;

/// <summary>
/// Replaces a personal identity number with a keyed hash (HMAC-SHA256, first 128 bits as hex). The same person gets the
/// same key within one key, so duplicates and repeat pathways can be found, but the number cannot be recovered without
/// the key. The key comes from configuration (SVF_PSEUDONYM_KEY or a key file) and is never stored in the repository.
/// </summary>
public sealed class Pseudonymizer
{
    public const int MinimumKeyBytes = 32;
    private readonly HMACSHA256 _hmac;

    public Pseudonymizer(byte[] key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The pseudonymisation key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }
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

    /// <summary>Reads a key given as base64 (at least 32 bytes once decoded).</summary>
    public static Pseudonymizer FromBase64(string base64) => new(Convert.FromBase64String(base64.Trim()));

    public static string NewKeyBase64() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumKeyBytes));
}
