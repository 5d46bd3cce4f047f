namespace Svf.Ingestion;

/// <summary>What reading one submission's content produced: row counts and what is missing for completeness.</summary>
internal sealed record ContentResult(int RowsRead, int RowsStored, IReadOnlyList<string> SvfWithoutRows, IReadOnlyList<string> MonthsWithoutRows);
