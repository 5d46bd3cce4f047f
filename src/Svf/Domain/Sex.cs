namespace Svf.Domain;

/// <summary>Legal sex as reported in the submission (Socialstyrelsen's KÖN: 1 = man, 2 = kvinna).</summary>
public enum Sex : byte
{
    Male = 1,
    Female = 2,
}

public static class SexCodes
{
    /// <summary>Accepts M/K (Swedish man/kvinna), 1/2 and the English words. Case-insensitive.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Sex sex)
    {
        var t = text.Trim();
        if (t.Equals("M", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("1") ||
            t.Equals("man", StringComparison.OrdinalIgnoreCase) || t.Equals("male", StringComparison.OrdinalIgnoreCase))
        {
            sex = Sex.Male;
            return true;
        }
        if (t.Equals("K", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("2") || t.Equals("F", StringComparison.OrdinalIgnoreCase) ||
            t.Equals("kvinna", StringComparison.OrdinalIgnoreCase) || t.Equals("female", StringComparison.OrdinalIgnoreCase))
        {
            sex = Sex.Female;
            return true;
        }
        sex = default;
        return false;
    }

    /// <summary>The code used in all outputs: M or K.</summary>
    public static string Code(this Sex sex) => sex == Sex.Male ? "M" : "K";
}
