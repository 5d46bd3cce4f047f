using System.Globalization;

namespace Svf.Output;

/// <summary>
/// The one home for how numbers, shares, amounts and dates are shown to Swedish readers (console, letters, portal,
/// reports). Machine-readable output (CSV/JSON) stays invariant: see <see cref="TableExport"/>.
/// </summary>
public static class SwedishFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>"–" where a value is missing (never 0, which would read as a figure).</summary>
    public const string Missing = "–";

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Number(double? value, int decimals = 1) => value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture) : Missing;

    /// <summary>A share 0..1 as a percentage: 0.7234 → "72,3 %".</summary>
    public static string Percent(double? share, int decimals = 1) => share is { } s ? Number(s * 100, decimals) + " %" : Missing;

    public static string Kronor(long amount) => Number(amount) + " kr";

    public static string Date(DateOnly date) => IsoDate.ToText(date);
}

/// <summary>The one home for ISO dates (yyyy-MM-dd) as text, read and written invariantly.</summary>
public static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static string ToText(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
