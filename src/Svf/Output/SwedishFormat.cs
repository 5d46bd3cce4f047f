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

    /// <summary>A confidence interval of a share, in percent: (0.612, 0.704) → "[61,2–70,4]".</summary>
    public static string PercentInterval(double low, double high) => $"[{Number(low * 100)}–{Number(high * 100)}]";

    public static string Kronor(long amount) => Number(amount) + " kr";

    public static string Date(DateOnly date) => IsoDate.ToText(date);
}

/// <summary>
/// The one home for ISO dates (yyyy-MM-dd) and times as text, read and written invariantly: always the Gregorian
/// calendar and ASCII digits, whatever the culture of the machine (a date formatted with the current culture would read
/// 2568-03-14 on a Thai machine).
/// </summary>
public static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static string ToText(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The date part of a time: 2026-03-14.</summary>
    public static string ToText(DateTime time) => time.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>A time to the minute, as letters and the console show it: "2026-03-14 09:05" (the caller says UTC or Swedish time).</summary>
    public static string Minutes(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A time to the second: "2026-03-14 09:05:30".</summary>
    public static string Seconds(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant, machine-readable: "2026-03-14T09:05:30Z".</summary>
    public static string Instant(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
