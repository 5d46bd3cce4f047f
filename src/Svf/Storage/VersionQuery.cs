using System.Globalization;

namespace Svf.Storage;

/// <summary>Runs a one-row query of whole numbers (counts, highest ids) and joins them into a version text such as "s12.40.9.311".</summary>
internal static class VersionQuery
{
    public static string Read(SvfDatabase db, string prefix, string sql)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null, sql);
        using var r = cmd.ExecuteReader();
        r.Read();
        var numbers = Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture));
        return prefix + string.Join('.', numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
    }
}
