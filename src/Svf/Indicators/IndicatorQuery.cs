using Svf.Domain;

namespace Svf.Indicators;

/// <summary>Which table to compute: periods of one kind, optionally only those inside <see cref="Within"/>.</summary>
public sealed record IndicatorQuery(PeriodKind PeriodKind, ReportingPeriod? Within = null, bool ForPublication = false);
