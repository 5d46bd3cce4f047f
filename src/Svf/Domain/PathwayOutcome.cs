namespace Svf.Domain;

/// <summary>How a pathway ended. A pathway without an outcome is still ongoing.</summary>
public enum PathwayOutcome : byte
{
    Ongoing = 0,
    /// <summary>Cancer confirmed (välgrundad misstanke bekräftad); normally followed by start of first treatment.</summary>
    CancerConfirmed = 1,
    /// <summary>Cancer not confirmed (misstanke avskrivs, kriterier ej uppfyllda).</summary>
    CancerNotConfirmed = 2,
    /// <summary>Other end before treatment: another cancer, patient's choice, other medical reasons, moved.</summary>
    Other = 3,
}

public static class PathwayOutcomeCodes
{
    public static bool TryParse(ReadOnlySpan<char> text, out PathwayOutcome outcome)
    {
        var t = text.Trim();
        outcome = t switch
        {
            _ when t.Equals("cancer_confirmed", StringComparison.OrdinalIgnoreCase) => PathwayOutcome.CancerConfirmed,
            _ when t.Equals("cancer_not_confirmed", StringComparison.OrdinalIgnoreCase) => PathwayOutcome.CancerNotConfirmed,
            _ when t.Equals("other", StringComparison.OrdinalIgnoreCase) => PathwayOutcome.Other,
            _ => PathwayOutcome.Ongoing,
        };
        return outcome != PathwayOutcome.Ongoing;
    }

    public static string Code(this PathwayOutcome outcome) => outcome switch
    {
        PathwayOutcome.CancerConfirmed => "cancer_confirmed",
        PathwayOutcome.CancerNotConfirmed => "cancer_not_confirmed",
        PathwayOutcome.Other => "other",
        _ => "",
    };
}
