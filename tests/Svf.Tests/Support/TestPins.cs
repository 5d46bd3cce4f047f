using Svf.Domain;

namespace Svf.Tests.Support;

/// <summary>Builds valid personal identity numbers for tests (check digit computed, never a real person's on purpose).</summary>
internal static class TestPins
{
    /// <summary>yyyyMMdd-NNNC with the check digit for the given date and three-digit serial (odd last serial digit = man).</summary>
    public static string Make(string yyyymmdd, string serial3)
    {
        var nine = yyyymmdd[2..] + serial3;
        return $"{yyyymmdd}-{serial3}{PersonalIdentityNumber.CheckDigit(nine)}";
    }

    private static int _next;

    /// <summary>A fresh valid number for a person born in May 1950 (distinct for the first 1 120 calls); the sex digit follows <paramref name="sex"/>.</summary>
    public static string Next(Sex sex = Sex.Female)
    {
        var n = Interlocked.Increment(ref _next);
        var serial = n % 40 * 2 + (sex == Sex.Male ? 1 : 0);
        var day = 1 + n / 40 % 28;
        return Make($"195005{day:D2}", $"{serial:D3}");
    }
}
