using System.Globalization;

namespace Svf.Ingestion;

/// <summary>Culture-safe parsing of submission fields (invariant culture; Swedish Excel habits tolerated).</summary>
public static class FieldParsing
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

    /// <summary>ISO dates (2025-03-14) and the compact form 20250314. Excel's sv-SE display form is ISO already.</summary>
    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A non-negative number with either a decimal comma (Swedish Excel) or a point. No thousands separators.</summary>
    public static bool TryNonNegativeDecimal(string text, out decimal value)
    {
        var t = text.Trim().Replace(',', '.').Replace("\u00A0", "", StringComparison.Ordinal);
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
