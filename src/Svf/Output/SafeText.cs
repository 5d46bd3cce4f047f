namespace Svf.Output;

/// <summary>
/// Text from outside (a file name, a field's value, an actor or a reason) shown on one line of a text output: the
/// feedback letter, the submission history, the audit trail. A line break or another control character in it could
/// otherwise forge a line of its own ("… FEL rad 2 …", a fake audit entry), and a bidirectional-override character
/// could make it read backwards. Each such character is replaced by U+FFFD (�). Applied when the text is stored and
/// again when it is printed, so values stored before this rule are shown safely too.
/// </summary>
public static class SafeText
{
    public const char Replacement = '\uFFFD';

    /// <summary>The text with every control, line/paragraph separator and bidi-control character replaced by <see cref="Replacement"/>.</summary>
    public static string OneLine(string text)
    {
        var i = text.AsSpan().IndexOfAny(Unsafe);
        if (i < 0)
        {
            return text;
        }
        return string.Create(text.Length, text, static (span, s) =>
        {
            s.AsSpan().CopyTo(span);
            for (var k = 0; k < span.Length; k++)
            {
                if (IsUnsafe(span[k]))
                {
                    span[k] = Replacement;
                }
            }
        });
    }

    /// <inheritdoc cref="OneLine(string)"/>
    public static string? OneLineOrNull(string? text) => text is null ? null : OneLine(text);

    private static bool IsUnsafe(char c) => Unsafe.Contains(c);

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(Characters());

    private static string Characters()
    {
        var b = new System.Text.StringBuilder();
        for (var c = '\0'; c < '\u00A0'; c++)
        {
            if (char.IsControl(c))
            {
                b.Append(c); // C0 (tab, LF, CR, ESC …), DEL and C1 (NEL …)
            }
        }
        b.Append("\u2028\u2029");                             // line and paragraph separator
        b.Append("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"); // bidi marks, embeddings, overrides, isolates
        return b.ToString();
    }
}
