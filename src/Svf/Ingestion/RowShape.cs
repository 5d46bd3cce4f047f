namespace Svf.Ingestion;

/// <summary>
/// Whether a row's fields can be trusted one by one, before any field is checked: a row with more or fewer fields than
/// the header, or with a field longer than any value of the format, is refused as a whole with one error naming the row.
/// Used for both kinds of file.
/// </summary>
internal static class RowShape
{
    public static bool RowIsWhole(CsvSource csv, IssueCollector issues)
    {
        if (csv.HasExtraFields)
        {
            issues.Error("row.too_many_fields", csv.Line, null,
                "Raden har fler fält än rubrikraden, så värdena hamnar i fel kolumner. Vanlig orsak: decimalkomma i en kommaavgränsad fil, eller avgränsaren i ett fält utan citattecken.");
            return false;
        }
        if (csv.HasMissingFields)
        {
            issues.Error("row.too_few_fields", csv.Line, null,
                $"Raden har {csv.RowFieldCount} fält men rubrikraden har {csv.HeaderFieldCount}: raden är avbruten, så värdena i de sista kolumnerna saknas " +
                $"(från kolumnen {csv.ColumnName(csv.RowFieldCount)}). Tomma fält ska ändå ha sina avgränsare. Kontrollera att raden inte har delats eller kapats.");
            return false;
        }
        var tooLong = csv.TooLongField();
        if (tooLong >= 0)
        {
            issues.Error("field.too_long", csv.Line, csv.ColumnName(tooLong),
                $"Fältet är längre än {CsvSource.MaxFieldChars} tecken, vilket inget värde i formatet är. Vanlig orsak: ett citattecken (\") som gör att flera fält läses som ett.");
            return false;
        }
        return true;
    }
}
