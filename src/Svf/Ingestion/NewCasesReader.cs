using System.Data.Common;
using System.Globalization;
using Svf.Domain;
using Svf.ReferenceData;
using Svf.Storage;
using C = Svf.Ingestion.SubmissionColumns;

namespace Svf.Ingestion;

/// <summary>
/// Reads the inclusion denominator: the number of new cancer cases per SVF diagnosis group and period (usually the
/// cancer-register based estimate, hence decimals are allowed, with comma or point).
/// </summary>
internal static class NewCasesReader
{
    public static ContentResult Read(DbConnection c, DbTransaction tx, long submissionId, CsvSource csv, IssueCollector issues,
        ReferenceDataSet reference, string region, ReportingPeriod period)
    {
        using var insert = SvfDatabase.Command(c, tx,
            "INSERT INTO new_cases (submission_id, row_no, region_code, svf_code, period, period_start, period_end, sex, new_cases) " +
            "VALUES (@s, @row, @r, @svf, @p, @ps, @pe, @sex, @n)",
            ("s", submissionId), ("row", 0), ("r", region), ("svf", ""), ("p", ""), ("ps", period.Start), ("pe", period.End), ("sex", null), ("n", 0d));
        var seen = new Dictionary<(string Svf, ReportingPeriod Period, Sex? Sex), int>();
        var stored = 0;
        while (csv.Read())
        {
            if (!RowShape.RowIsWhole(csv, issues))
            {
                continue;
            }
            var row = csv.Line;
            var errors = issues.ErrorCount;
            var r = csv.Get(C.Region);
            if (r is null)
            {
                issues.Error("field.missing", row, C.Region, "Fältet region är obligatoriskt men tomt.");
            }
            else if (!reference.RegionsByCode.ContainsKey(r))
            {
                issues.Error("region.unknown", row, C.Region, $"Okänd regionkod {Redaction.Quote(r)}. Använd tvåsiffrig länskod, t.ex. 01 för Stockholm.");
            }
            else if (r != region)
            {
                issues.Error("region.other_region", row, C.Region, $"Raden gäller region {r}, men inrapporteringen är för region {region}.");
            }
            var svf = csv.Get(C.Svf);
            if (svf is null || !reference.SvfsByCode.ContainsKey(svf))
            {
                issues.Error(svf is null ? "field.missing" : "svf.unknown", row, C.Svf, svf is null ? "Fältet svf är obligatoriskt men tomt." : $"Okänd SVF-kod {Redaction.Quote(svf)}.");
            }
            var pText = csv.Get(C.Period);
            ReportingPeriod p = default;
            if (pText is null || !ReportingPeriod.TryParse(pText, out p))
            {
                issues.Error("period.invalid", row, C.Period, $"{Redaction.Quote(pText)} är ingen period. Använd 2025, 2025-H1, 2025-Q1 eller 2025-01.");
            }
            else if (!period.Contains(p))
            {
                issues.Error("period.outside_submission", row, C.Period, $"Perioden {p} ligger utanför inrapporteringens period {period}.");
            }
            Sex? sex = null;
            if (csv.Get(C.Sex) is { } sexText)
            {
                if (SexCodes.TryParse(sexText, out var parsedSex))
                {
                    sex = parsedSex;
                }
                else
                {
                    issues.Error("sex.invalid", row, C.Sex, $"Okänt kön {Redaction.Quote(sexText)}. Använd M, K eller lämna tomt för båda könen.");
                }
            }
            var nText = csv.Get(C.NewCases);
            decimal n = 0;
            if (nText is null || !FieldParsing.TryNonNegativeDecimal(nText, out n))
            {
                issues.Error("new_cases.invalid", row, C.NewCases, $"{Redaction.Quote(nText)} är inget antal (ett icke-negativt tal, decimalkomma tillåtet).");
            }
            if (issues.ErrorCount > errors)
            {
                continue;
            }
            if (seen.TryGetValue((svf!, p, sex), out var first))
            {
                issues.Error("row.duplicate", row, C.Svf, $"Dubblett av rad {first}: samma SVF, period och kön.");
                continue;
            }
            // Two figures may not cover the same cases: overlapping periods for the same SVF, unless both are for different sexes.
            if (seen.FirstOrDefault(k => k.Key.Svf == svf && k.Key.Period.Overlaps(p) && (k.Key.Sex is null || sex is null || k.Key.Sex == sex)) is { Value: > 0 } overlapping)
            {
                issues.Error("period.overlaps_row", row, C.Period,
                    $"Raden överlappar rad {overlapping.Value} ({overlapping.Key.Period}{(overlapping.Key.Sex is { } os ? ", " + os.Code() : "")}) för samma SVF; antalen skulle räknas två gånger.");
                continue;
            }
            seen[(svf!, p, sex)] = row;
            if (issues.ErrorCount == 0)
            {
                insert.Parameters["row"].Value = row;
                insert.Parameters["svf"].Value = svf;
                insert.Parameters["p"].Value = p.ToString();
                insert.Parameters["ps"].Value = p.Start;
                insert.Parameters["pe"].Value = p.End;
                insert.Parameters["sex"].Value = sex is { } sx ? (int)sx : DBNull.Value;
                insert.Parameters["n"].Value = (double)n;
                insert.ExecuteNonQuery();
                stored++;
            }
        }
        var missing = NewCasesCompleteness.Check(seen.Keys, reference, period, issues);
        return new ContentResult(csv.RowsRead, stored, missing, []);
    }
}
