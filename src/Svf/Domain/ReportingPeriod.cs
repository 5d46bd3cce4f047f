using System.Globalization;

namespace Svf.Domain;

/// <summary>
/// A calendar period: a month ("2025-03"), quarter ("2025-Q1"), half-year ("2025-H1") or year ("2025").
/// The text form is the stable identifier used in files, the database and the API.
/// </summary>
public readonly record struct ReportingPeriod(PeriodKind Kind, int Year, int Number)
{
    public DateOnly Start => Kind switch
    {
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Quarter => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        PeriodKind.HalfYear => new DateOnly(Year, (Number - 1) * 6 + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public int Months => Kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, PeriodKind.HalfYear => 6, _ => 12 };

    /// <summary>Last day of the period, inclusive.</summary>
    public DateOnly End => Start.AddMonths(Months).AddDays(-1);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Contains(ReportingPeriod other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(ReportingPeriod other) => other.Start <= End && other.End >= Start;

    public static ReportingPeriod Of(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.Month => new(kind, date.Year, date.Month),
        PeriodKind.Quarter => new(kind, date.Year, (date.Month - 1) / 3 + 1),
        PeriodKind.HalfYear => new(kind, date.Year, (date.Month - 1) / 6 + 1),
        _ => new(kind, date.Year, 1),
    };

    /// <summary>All months in this period, in order.</summary>
    public IEnumerable<ReportingPeriod> MonthsWithin()
    {
        for (var d = Start; d <= End; d = d.AddMonths(1))
        {
            yield return new ReportingPeriod(PeriodKind.Month, d.Year, d.Month);
        }
    }

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Number}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var t = text.Trim().ToUpperInvariant();
        if (t.Length < 4 || !int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900 || year > 2999)
        {
            return false;
        }
        if (t.Length == 4)
        {
            period = new(PeriodKind.Year, year, 1);
            return true;
        }
        if (t.Length < 6 || t[4] != '-')
        {
            return false;
        }
        var rest = t.AsSpan(5);
        if (rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
        {
            period = new(PeriodKind.Quarter, year, rest[1] - '0');
            return true;
        }
        if (rest.Length == 2 && rest[0] == 'H' && rest[1] is '1' or '2')
        {
            period = new(PeriodKind.HalfYear, year, rest[1] - '0');
            return true;
        }
        if (rest.Length == 2 && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = new(PeriodKind.Month, year, month);
            return true;
        }
        return false;
    }

    public static ReportingPeriod Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a period (use 2025, 2025-H1, 2025-Q3 or 2025-03).");
}
