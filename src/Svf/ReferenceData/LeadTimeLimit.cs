namespace Svf.ReferenceData;

/// <summary>
/// One row of ledtider.csv: the limit in calendar days from välgrundad misstanke to the end point,
/// for one SVF and one type of first treatment, as of an SVF version. <see cref="MaxDays"/> is null when the
/// value was not found; <see cref="KnownSuperseded"/> marks a value known to have been replaced by one not yet read.
/// </summary>
public sealed record LeadTimeLimit(
    string SvfCode,
    string Endpoint,
    int? MaxDays,
    DateOnly? Version,
    bool KnownSuperseded,
    string Source,
    string Notes);
