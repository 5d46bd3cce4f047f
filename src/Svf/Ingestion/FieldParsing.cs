using System.Globalization;

namespace Svf.Ingestion;

/// <summary>Culture-safe parsing of submission fields (invariant culture; Swedish Excel habits tolerated).</summary>
internal static class FieldParsing
{
    private static readonly string[] DateFormats = [Svf.Output.IsoDate.Pattern, "yyyyMMdd"];

    /// <summary>ISO dates (2025-03-14) and the compact form 20250314. Excel's sv-SE display form is ISO already.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        var t = text.AsSpan().Trim();
        // Fast path for the common, well-formed ISO date; anything else (and any invalid date) goes to the exact parser.
        if (TryIsoDate(t, out date))
        {
            return true;
        }
        return DateOnly.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>"yyyy-MM-dd" with ten ASCII digits and dashes and a real calendar date; true only where TryParseExact agrees.</summary>
    private static bool TryIsoDate(ReadOnlySpan<char> t, out DateOnly date)
    {
        date = default;
        if (t.Length != 10 || t[4] != '-' || t[7] != '-')
        {
            return false;
        }
        var y = 0;
        for (var i = 0; i < 4; i++)
        {
            var d = (uint)(t[i] - '0');
            if (d > 9)
            {
                return false;
            }
            y = y * 10 + (int)d;
        }
        uint m1 = (uint)(t[5] - '0'), m2 = (uint)(t[6] - '0'), d1 = (uint)(t[8] - '0'), d2 = (uint)(t[9] - '0');
        if (m1 > 9 || m2 > 9 || d1 > 9 || d2 > 9)
        {
            return false;
        }
        var month = (int)(m1 * 10 + m2);
        var day = (int)(d1 * 10 + d2);
        if (y < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(y, month))
        {
            return false;
        }
        date = new DateOnly(y, month, day);
        return true;
    }

    /// <summary>A non-negative number with either a decimal comma (Swedish Excel) or a point. No thousands separators.</summary>
    public static bool TryNonNegativeDecimal(string text, out decimal value)
    {
        var t = text.Trim().Replace(',', '.').Replace("\u00A0", "", StringComparison.Ordinal);
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
