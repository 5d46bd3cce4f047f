namespace Svf.Domain;

public enum PeriodKind
{
    Month,
    Quarter,
    HalfYear,
    Year,
}
