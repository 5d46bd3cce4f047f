using System.Text.RegularExpressions;

namespace Svf.Domain;

/// <summary>
/// A Swedish personnummer or samordningsnummer, checked (date and Luhn check digit) and normalised to
/// twelve digits (YYYYMMDDNNNC). The clear value only lives in memory during ingest; it is never stored or logged.
/// </summary>
public readonly partial struct PersonalIdentityNumber
{
    private PersonalIdentityNumber(string twelveDigits, DateOnly birthDate, bool isCoordinationNumber)
    {
        Normalized = twelveDigits;
        BirthDate = birthDate;
        IsCoordinationNumber = isCoordinationNumber;
    }

    /// <summary>Twelve digits, no separator. Input to the keyed hash only.</summary>
    public string Normalized { get; }

    public DateOnly BirthDate { get; }

    /// <summary>Samordningsnummer: the day of birth is written plus 60.</summary>
    public bool IsCoordinationNumber { get; }

    /// <summary>The second-to-last digit is odd for men and even for women.</summary>
    public Sex ImpliedSex => (Normalized[10] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    public int AgeAt(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date < BirthDate.AddYears(age))
        {
            age--;
        }
        return age;
    }

    /// <summary>
    /// Parses 12 digits (with or without '-') or 10 digits with '-' or '+' (the '+' marks age 100 or more).
    /// For 10 digits the century is the latest one that puts the birth date on or before <paramref name="today"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, DateOnly today, out PersonalIdentityNumber value, out string error)
    {
        value = default;
        Span<char> digits = stackalloc char[12];
        var n = 0;
        var separator = '\0';
        foreach (var c in text.Trim())
        {
            if (c is >= '0' and <= '9')
            {
                if (n == 12)
                {
                    error = "har för många siffror (förväntat 12 siffror: ÅÅÅÅMMDDNNNN)";
                    return false;
                }
                digits[n++] = c;
            }
            else if ((c == '-' || c == '+') && separator == '\0' && (n == 6 || n == 8))
            {
                separator = c;
            }
            else
            {
                error = $"innehåller tecknet '{c}' (förväntat ÅÅÅÅMMDD-NNNN)";
                return false;
            }
        }
        if (n != 10 && n != 12)
        {
            error = $"har {n} siffror (förväntat 12: ÅÅÅÅMMDDNNNN, eller 10 med - eller +)";
            return false;
        }

        Span<char> ten = stackalloc char[10];
        int year;
        if (n == 12)
        {
            digits[2..12].CopyTo(ten);
            year = Num(digits[..4]);
        }
        else
        {
            digits[..10].CopyTo(ten);
            // The latest century that puts the full date of birth on or before today ('+' adds a hundred years of age).
            var yy = Num(ten[..2]);
            year = today.Year / 100 * 100 + yy;
            var m = Num(ten[2..4]);
            var d = Num(ten[4..6]) % 60;
            if (year > today.Year || (year == today.Year && (m > today.Month || (m == today.Month && d > today.Day))))
            {
                year -= 100;
            }
            if (separator == '+')
            {
                year -= 100;
            }
        }

        var month = Num(ten[2..4]);
        var day = Num(ten[4..6]);
        var coordination = day > 60;
        if (coordination)
        {
            day -= 60;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month))
        {
            error = "har inget giltigt födelsedatum";
            return false;
        }
        if (!LuhnValid(ten))
        {
            error = "har fel kontrollsiffra";
            return false;
        }
        var birth = new DateOnly(year, month, day);
        if (birth > today)
        {
            error = "har ett födelsedatum i framtiden";
            return false;
        }
        var normalized = string.Create(12, (year, ten.ToString()), static (span, s) =>
        {
            s.year.TryFormat(span, out _, "D4", System.Globalization.CultureInfo.InvariantCulture);
            s.Item2.AsSpan(2).CopyTo(span[4..]);
        });
        value = new PersonalIdentityNumber(normalized, birth, coordination);
        error = "";
        return true;
    }

    private static int Num(ReadOnlySpan<char> s)
    {
        var v = 0;
        foreach (var c in s)
        {
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /// <summary>Luhn (mod 10) over the ten digits YYMMDDNNNC, weights 2,1,2,1,... from the left.</summary>
    internal static bool LuhnValid(ReadOnlySpan<char> ten)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var d = ten[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>The check digit that makes the first nine digits valid. Used by the data generator and tests.</summary>
    internal static char CheckDigit(ReadOnlySpan<char> nine)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = nine[i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>
    /// Anything written like a personnummer or samordningsnummer, valid or not, in any of the ways people write one:
    /// 12 or 10 digits, with or without <c>-</c> or <c>+</c> before the last four, and with a space, <c>-</c>, <c>.</c>
    /// or <c>/</c> between the parts of the date (<c>1958-03-27-3712</c>, <c>1958 03 27 3712</c>, <c>58 03 27-3712</c>).
    /// Not bounded by other digits. A lone date (<c>2025-03-27</c>) does not match: four digits must follow it.
    /// Used to keep such values out of feedback and file names (Ingestion/Redaction.cs).
    /// </summary>
    [GeneratedRegex(@"(?<!\d)(?:\d{2}[ ./-]?)?\d{2}[ ./-]?\d{2}[ ./-]?\d{2}[ \t]*[-+]?[ \t]*\d{4}(?!\d)")]
    public static partial Regex WrittenShape();

    /// <summary>Never expose the clear number in logs or exception messages.</summary>
    public override string ToString() => "ÅÅÅÅMMDD-****";
}
