namespace Svf.Domain;

/// <summary>ICD-10-SE code helpers: shape check and membership in an SVF's code list ("C18.0-C18.9, C20.9").</summary>
public static class IcdCode
{
    /// <summary>Normalises "c18.7", "C187" and "C18.7A" to "C18.7" style: letter, two digits, optional dot and up to 2 characters.</summary>
    public static bool TryNormalize(ReadOnlySpan<char> text, out string code)
    {
        code = "";
        var t = text.Trim();
        if (t.Length < 3 || !char.IsAsciiLetter(t[0]) || !char.IsAsciiDigit(t[1]) || !char.IsAsciiDigit(t[2]))
        {
            return false;
        }
        var head = string.Concat(char.ToUpperInvariant(t[0]).ToString(), t[1..3].ToString());
        var rest = t[3..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            rest = rest[1..];
        }
        if (rest.Length > 3)
        {
            return false;
        }
        foreach (var c in rest)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        code = rest.Length == 0 ? head : head + "." + rest.ToString().ToUpperInvariant();
        return true;
    }

    /// <summary>
    /// True if <paramref name="code"/> falls under one of the list items: "C50" (whole category),
    /// "C92.0" (exact sub-code or its extensions such as C92.0A), "C18.0-C18.9" or "C00-C14" (ranges, inclusive).
    /// Exclusions written as "... excl. C25.4" are honoured.
    /// </summary>
    public static bool InList(string code, IReadOnlyList<IcdRange> list)
    {
        var included = false;
        foreach (var r in list)
        {
            if (r.Matches(code))
            {
                if (r.Excluded)
                {
                    return false;
                }
                included = true;
            }
        }
        return included;
    }

    public static IReadOnlyList<IcdRange> ParseList(string? text)
    {
        var result = new List<IcdRange>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        foreach (var rawItem in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var item = rawItem;
            var excl = item.IndexOf(" excl. ", StringComparison.Ordinal);
            if (excl >= 0)
            {
                var excluded = item[(excl + 7)..].Trim();
                item = item[..excl].Trim();
                if (TryNormalize(excluded, out var ex))
                {
                    result.Add(new IcdRange(ex, ex, true));
                }
            }
            var dash = item.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && TryNormalize(item.AsSpan(0, dash), out var lo) && TryNormalize(item.AsSpan(dash + 1), out var hi))
            {
                result.Add(new IcdRange(lo, hi, false));
            }
            else if (TryNormalize(item, out var single))
            {
                result.Add(new IcdRange(single, single, false));
            }
        }
        return result;
    }
}

/// <summary>An inclusive range of ICD codes; bounds are compared at the bound's own precision.</summary>
public readonly record struct IcdRange(string Low, string High, bool Excluded)
{
    public bool Matches(string code) =>
        string.CompareOrdinal(Truncate(code, Low.Length), Low) >= 0 &&
        string.CompareOrdinal(Truncate(code, High.Length), High) <= 0;

    private static string Truncate(string code, int length) => code.Length <= length ? code : code[..length];
}
