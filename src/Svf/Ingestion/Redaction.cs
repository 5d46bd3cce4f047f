using System.Text.RegularExpressions;
using Svf.Domain;

namespace Svf.Ingestion;

/// <summary>
/// Keeps personal identity numbers out of feedback. A mistyped or shifted row can put a personnummer in any field, and
/// feedback is stored and shown, so a field's value is only quoted when it cannot be one.
/// </summary>
internal static partial class Redaction
{
    public const string Hidden = "(värdet visas inte: det kan innehålla ett personnummer)";
    public const string MaskedNumber = "[personnummer dolt]";

    /// <summary>The value in quotes, or <see cref="Hidden"/> when it is long, holds a run of six or more digits, or is
    /// written like a personal number with separators inside the date (<see cref="PersonalIdentityNumber.WrittenShape"/>).</summary>
    public static string Quote(string? value) =>
        value is null ? "''" : value.Length <= 24 && !DigitRun().IsMatch(value) && !PersonalIdentityNumber.WrittenShape().IsMatch(value) ? $"'{value}'" : Hidden;

    /// <summary>Defence in depth for whole messages: replaces anything shaped like a personnummer or samordningsnummer,
    /// however it is written (<see cref="PersonalIdentityNumber.WrittenShape"/>).</summary>
    public static string MaskNumbers(string message) => PersonalIdentityNumber.WrittenShape().Replace(message, MaskedNumber);

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex DigitRun();
}
