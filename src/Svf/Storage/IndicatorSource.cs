using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Svf.Domain;
using Svf.Indicators;

namespace Svf.Storage;

/// <summary>
/// Streams the current (accepted, not superseded) submissions' data to the indicator engine; or, given a set of
/// submission ids, exactly those submissions' data (a locked decision re-run from its record).
/// </summary>
public static class IndicatorSource
{
    private const string PathwaysSql =
        "SELECT p.region_code, p.svf_code, p.sex, p.suspicion_date, p.treatment_start_date, p.treatment_type, p.end_date, p.outcome " +
        "FROM pathways p JOIN submissions s ON s.id = p.submission_id WHERE ";

    /// <summary>The SQL condition on submissions <c>s</c>: current ones, or exactly the given ids (numbers only, so inlined safely).</summary>
    public static string SubmissionFilter(IReadOnlyCollection<long>? submissionIds) => submissionIds is null
        ? "s.is_current = 1"
        : submissionIds.Count == 0 ? "1 = 0" : "s.id IN (" + string.Join(",", submissionIds.Select(i => i.ToString(CultureInfo.InvariantCulture))) + ")";

    public static IEnumerable<PathwayFact> Pathways(SvfDatabase db, string? region = null, IReadOnlyCollection<long>? submissionIds = null) =>
        db.Provider == DatabaseProvider.Sqlite ? SqlitePathways(db, region, submissionIds) : ProviderPathways(db, region, submissionIds);

    private static IEnumerable<PathwayFact> ProviderPathways(SvfDatabase db, string? region, IReadOnlyCollection<long>? submissionIds)
    {
        using var c = db.OpenConnection();
        var sql = PathwaysSql + SubmissionFilter(submissionIds) + (region is null ? "" : " AND p.region_code = @r");
        using var cmd = SvfDatabase.Command(c, null, sql, ("r", region));
        using var r = cmd.ExecuteReader();
        // Interning keeps one string per region, SVF and treatment code instead of one per row.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Intern(string s) => pool.TryGetValue(s, out var v) ? v : pool[s] = s;
        while (r.Read())
        {
            yield return new PathwayFact(
                Intern(r.GetString(0)), Intern(r.GetString(1)), (Sex)r.GetInt32(2), r.GetFieldValue<DateOnly>(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
                r.IsDBNull(5) ? null : Intern(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6),
                (PathwayOutcome)r.GetInt32(7));
        }
    }

    /// <summary>
    /// SQLite: the same query stepped through SQLite's C API, reading the ISO date text and the codes as UTF-8 bytes
    /// without a string per field (Microsoft.Data.Sqlite's GetFieldValue&lt;DateOnly&gt; makes and parses a string for each).
    /// </summary>
    private static IEnumerable<PathwayFact> SqlitePathways(SvfDatabase db, string? region, IReadOnlyCollection<long>? submissionIds)
    {
        using var c = (SqliteConnection)db.OpenConnection();
        var sql = PathwaysSql + SubmissionFilter(submissionIds) + (region is null ? "" : " AND p.region_code = ?1");
        Check(raw.sqlite3_prepare_v2(c.Handle, sql, out var stmt), c);
        using (stmt)
        {
            if (region is not null)
            {
                Check(raw.sqlite3_bind_text(stmt, 1, region), c);
            }
            var pool = new CodePool();
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                yield return new PathwayFact(
                    Code(stmt, 0, pool)!, Code(stmt, 1, pool)!, (Sex)raw.sqlite3_column_int(stmt, 2), Date(stmt, 3)!.Value,
                    Date(stmt, 4), Code(stmt, 5, pool), Date(stmt, 6), (PathwayOutcome)raw.sqlite3_column_int(stmt, 7));
            }
            if (rc != raw.SQLITE_DONE)
            {
                Check(rc, c);
            }
        }
    }

    /// <summary>A text column as a pooled string (one instance per distinct region, SVF or treatment code); null for NULL.</summary>
    private static string? Code(sqlite3_stmt stmt, int i, CodePool pool)
    {
        var utf8 = raw.sqlite3_column_blob(stmt, i);
        if (utf8.IsEmpty && raw.sqlite3_column_type(stmt, i) == raw.SQLITE_NULL)
        {
            return null;
        }
        return pool.Get(utf8);
    }

    /// <summary>Strings by their UTF-8 bytes: the few distinct codes are decoded once, then found by a hash of the bytes.</summary>
    private sealed class CodePool
    {
        private readonly Dictionary<int, (byte[] Utf8, string Text)[]> _byHash = [];

        public string Get(ReadOnlySpan<byte> utf8)
        {
            var hash = new HashCode();
            hash.AddBytes(utf8);
            var h = hash.ToHashCode();
            if (_byHash.TryGetValue(h, out var entries))
            {
                foreach (var e in entries)
                {
                    if (utf8.SequenceEqual(e.Utf8))
                    {
                        return e.Text;
                    }
                }
            }
            var text = Encoding.UTF8.GetString(utf8);
            _byHash[h] = [.. entries ?? [], (utf8.ToArray(), text)];
            return text;
        }
    }

    /// <summary>A date column as stored by the writers (ISO text yyyy-MM-dd); null for NULL.</summary>
    private static DateOnly? Date(sqlite3_stmt stmt, int i)
    {
        var t = raw.sqlite3_column_blob(stmt, i);
        if (t.Length != 10)
        {
            var type = raw.sqlite3_column_type(stmt, i);
            if (type == raw.SQLITE_NULL)
            {
                return null;
            }
            if (type != raw.SQLITE_TEXT)
            {
                throw new InvalidOperationException($"Column {i} holds SQLite type {type}, not ISO date text.");
            }
        }
        else if (t[4] == '-' && t[7] == '-')
        {
            var digits = true;
            foreach (var k in (ReadOnlySpan<int>)[0, 1, 2, 3, 5, 6, 8, 9])
            {
                digits &= (uint)(t[k] - '0') <= 9;
            }
            var y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
            var m = (t[5] - '0') * 10 + (t[6] - '0');
            var d = (t[8] - '0') * 10 + (t[9] - '0');
            if (digits && y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                return new DateOnly(y, m, d);
            }
        }
        // Anything else parses as Microsoft.Data.Sqlite would parse the text.
        return DateOnly.Parse(Encoding.UTF8.GetString(t), CultureInfo.InvariantCulture);
    }

    private static void Check(int rc, SqliteConnection c)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, c.Handle);
        }
    }

    public static IEnumerable<NewCasesFact> NewCases(SvfDatabase db, string? region = null, IReadOnlyCollection<long>? submissionIds = null)
    {
        using var c = db.OpenConnection();
        var sql = "SELECT n.region_code, n.svf_code, n.period, n.new_cases, n.sex FROM new_cases n JOIN submissions s ON s.id = n.submission_id " +
                  "WHERE " + SubmissionFilter(submissionIds) + (region is null ? "" : " AND n.region_code = @r");
        using var cmd = SvfDatabase.Command(c, null, sql, ("r", region));
        using var r = cmd.ExecuteReader();
        var list = new List<NewCasesFact>();
        while (r.Read())
        {
            list.Add(new NewCasesFact(r.GetString(0), r.GetString(1), ReportingPeriod.Parse(r.GetString(2)), r.IsDBNull(4) ? null : (Sex)r.GetInt32(4), r.GetDouble(3)));
        }
        return list;
    }
}
