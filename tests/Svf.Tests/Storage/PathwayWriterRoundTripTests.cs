using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Svf.Domain;
using Svf.Ingestion;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Storage;

/// <summary>
/// The hand-written pathway writers (SQLite's C-API insert, PostgreSQL's own binary COPY) store exactly what the libraries'
/// own paths store for the same rows: each writer fills its own submission in one database, a reference written here with
/// the library's plain API (a parameterised SqliteCommand; Npgsql's BeginBinaryImport with NpgsqlBinaryImporter.Write)
/// fills another, and every column of every row is read back as the database holds it and compared.
/// </summary>
public class PathwayWriterRoundTripTests
{
    private const long Reference = 5_000_000_001; // beyond 32 bits: the bigint is written whole
    private const long HandWritten = 5_000_000_002;
    private const long LibraryPath = 5_000_000_003;
    private const long Background = 5_000_000_004;

    private static readonly string Longest = new('ö', CsvSource.MaxFieldChars); // the longest field a file can hold, 2 bytes a character
    private static readonly string FourByte = string.Concat(Enumerable.Repeat("𝄞😀", 20_000)); // 160 000 bytes: more than the COPY buffer

    /// <summary>Edge values of every column: NULL and empty, non-ASCII and 4-byte UTF-8, longest fields, extreme dates and integers.</summary>
    internal static List<PathwayRecord> EdgeRows()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var earliest = PathwayValidator.EarliestDate;
        return
        [
            new(1, "01", new string('a', 64), Sex.Female, 1958, 67, "BROST", earliest, null, null, null, null, null, PathwayOutcome.Ongoing, null),
            new(2, "25", "", Sex.Male, 1890, 0, "PROSTATA", today, today, today, today, "", today, PathwayOutcome.CancerConfirmed, ""),
            new(3, "åäö", "ÅÄÖ åäö é ß", (Sex)0, 0, -1, "ÅÄÖ", new DateOnly(1999, 12, 31), new DateOnly(2000, 1, 1), new DateOnly(2000, 1, 2),
                new DateOnly(1970, 1, 1), "kirurgi ; \"x\" ´¨", new DateOnly(2038, 1, 19), PathwayOutcome.CancerConfirmed, "C50.9"),
            new(4, "𝄞", "😀" + Longest[1..], Sex.Female, int.MaxValue, int.MinValue, Longest, earliest, earliest, null, today, Longest, null,
                PathwayOutcome.Ongoing, "😀𝄞"),
            new(0, "01", FourByte, Sex.Male, -1, int.MaxValue, "X", DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29),
                null, " mellanslag ", new DateOnly(2100, 3, 1), (PathwayOutcome)7, "\t\r\n"),
            new(-5, "", Longest, (Sex)255, int.MinValue, 120, "", today.AddDays(-1), null, today, null, "kirurgi – ”citat”", null, (PathwayOutcome)255, Longest),
            new(int.MaxValue, "01", "k", Sex.Female, 2000, 25, "LUNG", new DateOnly(2015, 12, 31), null, null, null, null, new DateOnly(2016, 1, 1),
                PathwayOutcome.CancerConfirmed, null),
        ];
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void The_hand_written_writer_stores_exactly_what_the_librarys_own_insert_stores(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var rows = EdgeRows();
        using var c = t.Db.OpenConnection();
        foreach (var id in new[] { Reference, HandWritten, LibraryPath, Background })
        {
            AddSubmission(c, id);
        }
        WriteReference(c, rows);
        Write(c, HandWritten, rows, (cn, tx, id) => PathwayBulkWriter.Create(cn, tx, id, library: false));
        Write(c, LibraryPath, rows, (cn, tx, id) => PathwayBulkWriter.Create(cn, tx, id, library: true));
        Write(c, Background, rows, PathwayBulkWriter.CreateBackground);

        var expected = Stored(c, Reference);
        expected.Count.ShouldBe(rows.Count);
        // Spot checks that the reference holds what was meant, in the database's own form (so that agreeing with it means something).
        var pg = provider == TestDatabases.Postgres;
        string Integer(string v) => pg ? v : "integer:" + v;
        string Text(string v) => pg ? v : "text:" + v;
        expected.Select(r => r[0]).ShouldBe(RowNumbers.Select(Integer));
        expected[1][1..3].ShouldBe([Text("01"), Text(FourByte)]);
        expected[2][7..].ShouldBe([Text("2015-01-01"), null, null, null, null, null, Integer("0"), null]);
        expected[3][11].ShouldBe(Text(""));
        expected[5][4..6].ShouldBe([Integer("2147483647"), Integer("-2147483648")]);
        // Npgsql writes DateOnly.MinValue / MaxValue as -infinity / infinity; Microsoft.Data.Sqlite as ISO text.
        expected[1][7..9].ShouldBe(pg ? ["-infinity", "infinity"] : [Text("0001-01-01"), Text("9999-12-31")]);
        foreach (var (id, name) in new[] { (HandWritten, "hand-written"), (LibraryPath, "library path"), (Background, "background hand-written") })
        {
            var actual = Stored(c, id);
            actual.Count.ShouldBe(expected.Count, name);
            for (var r = 0; r < expected.Count; r++)
            {
                for (var col = 0; col < expected[r].Length; col++)
                {
                    actual[r][col].ShouldBe(expected[r][col], $"{name}, row_no {expected[r][0]}, column {Columns[col + 1]}");
                }
            }
            SvfDatabase.Scalar(c, null, $"SELECT COUNT(*) FROM pathways WHERE submission_id = {id.ToString(CultureInfo.InvariantCulture)}")
                .ShouldNotBeNull().ToString().ShouldBe(rows.Count.ToString(CultureInfo.InvariantCulture), name);
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_writer_abandoned_without_complete_stores_nothing(string provider)
    {
        using var t = TestDatabases.Create(provider);
        using var c = t.Db.OpenConnection();
        AddSubmission(c, HandWritten);
        foreach (var library in new[] { false, true })
        {
            using (var tx = c.BeginTransaction())
            {
                using var w = PathwayBulkWriter.Create(c, tx, HandWritten, library);
                foreach (var p in EdgeRows())
                {
                    w.Write(p);
                }
                w.Written.ShouldBe(EdgeRows().Count);
                // Disposed without Complete and the transaction rolled back, as when validation fails.
            }
            Convert.ToInt64(SvfDatabase.Scalar(c, null, "SELECT COUNT(*) FROM pathways"), CultureInfo.InvariantCulture).ShouldBe(0);
        }
    }

    [DatabaseTheory, MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public void A_string_that_is_not_valid_utf16_is_handled_as_the_library_handles_it(string provider)
    {
        using var t = TestDatabases.Create(provider);
        using var c = t.Db.OpenConnection();
        AddSubmission(c, Reference);
        AddSubmission(c, HandWritten);
        List<PathwayRecord> bad = [EdgeRows()[0] with { Icd10 = "C50\ud800" }]; // a lone surrogate
        if (provider == TestDatabases.Postgres)
        {
            // Npgsql's strict UTF-8 refuses it; so does the own writer, and nothing of the row is sent.
            Should.Throw<System.Text.EncoderFallbackException>(() => WriteReference(c, bad));
            Should.Throw<System.Text.EncoderFallbackException>(() => Write(c, HandWritten, bad, (cn, tx, id) => PathwayBulkWriter.Create(cn, tx, id, library: false)));
            SvfDatabase.Scalar(c, null, "SELECT COUNT(*) FROM pathways").ShouldBe(0L);
        }
        else
        {
            // SQLite's text binding replaces it with U+FFFD, the same in the own writer and in Microsoft.Data.Sqlite.
            WriteReference(c, bad);
            Write(c, HandWritten, bad, (cn, tx, id) => PathwayBulkWriter.Create(cn, tx, id, library: false));
            Lines(Stored(c, HandWritten)).ShouldBe(Lines(Stored(c, Reference)));
            Stored(c, HandWritten)[0][14].ShouldBe("text:C50\ufffd");
        }
    }

    public static TheoryData<string> PostgresOnly() => new() { TestDatabases.Postgres };

    [DatabaseTheory, MemberData(nameof(PostgresOnly))]
    public void Under_another_client_encoding_postgres_uses_the_librarys_importer_which_encodes_as_the_connection_says(string provider)
    {
        using var t = TestDatabases.Create(provider);
        var latin1 = new NpgsqlConnectionStringBuilder(t.Setting["postgres:".Length..]) { ClientEncoding = "LATIN1", Encoding = "ISO-8859-1" };
        var rows = EdgeRows().Where(r => new[] { r.RegionCode, r.PersonKey, r.SvfCode, r.TreatmentType, r.Icd10 }
            .All(s => s is null || s.All(ch => ch <= 0xFF))).ToList();
        rows.Count.ShouldBe(4); // the rows without 4-byte UTF-8 or other characters Latin-1 lacks
        using (var c = new NpgsqlConnection(latin1.ToString()))
        {
            c.Open();
            AddSubmission(c, HandWritten);
            Write(c, HandWritten, rows, (cn, tx, id) =>
            {
                var w = PathwayBulkWriter.Create(cn, tx, id);
                w.GetType().Name.ShouldBe("PostgresWriter");
                return w;
            });
        }
        using var utf8 = t.Db.OpenConnection();
        AddSubmission(utf8, Reference);
        WriteReference(utf8, rows);
        Lines(Stored(utf8, HandWritten)).ShouldBe(Lines(Stored(utf8, Reference)));
        Stored(utf8, HandWritten).Single(r => r[0] == "3")[2].ShouldBe("ÅÄÖ åäö é ß");
    }

    private static readonly string[] Columns = PathwayBulkWriter.Columns.Split(", ");
    private static readonly string[] RowNumbers = ["-5", "0", "1", "2", "3", "4", "2147483647"];

    private static List<string> Lines(List<string?[]> rows) => [.. rows.Select(r => string.Join(" | ", r.Select(v => v ?? "<NULL>")))];

    private static void AddSubmission(DbConnection c, long id) =>
        SvfDatabase.Execute(c, null,
            "INSERT INTO submissions (id, kind, region_code, period, period_start, period_end, version_no, file_name, content_sha256, key_id, " +
            "received_at, received_by, status, is_current, row_count, error_count, warning_count, feedback_json) VALUES " +
            $"({id.ToString(CultureInfo.InvariantCulture)}, 'pathways', '01', '2025', '2025-01-01', '2025-12-31', {id % 100}, 'f.csv', 'x', 'k', " +
            "'2025-06-01T00:00:00Z', 't', 'accepted', 0, 0, 0, 0, '{}')");

    private static void Write(DbConnection c, long id, List<PathwayRecord> rows, Func<DbConnection, DbTransaction, long, PathwayBulkWriter> create)
    {
        using var tx = c.BeginTransaction();
        using (var w = create(c, tx, id))
        {
            foreach (var p in rows)
            {
                w.Write(p);
            }
            w.Complete();
            w.Written.ShouldBe(rows.Count);
        }
        tx.Commit();
    }

    /// <summary>The library's plain API, written as its documentation shows, with the column types left to the library.</summary>
    private static void WriteReference(DbConnection c, List<PathwayRecord> rows)
    {
        using var tx = c.BeginTransaction();
        if (c is NpgsqlConnection pg)
        {
            using var copy = pg.BeginBinaryImport($"COPY pathways ({PathwayBulkWriter.Columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var p in rows)
            {
                copy.StartRow();
                copy.Write(Reference);
                copy.Write(p.RowNumber);
                copy.Write(p.RegionCode);
                copy.Write(p.PersonKey);
                copy.Write((int)p.Sex);
                copy.Write(p.BirthYear);
                copy.Write(p.Age);
                copy.Write(p.SvfCode);
                copy.Write(p.SuspicionDate);
                foreach (var d in new[] { p.FirstVisitDate, p.TreatmentDecisionDate, p.TreatmentStartDate })
                {
                    WriteNullable(copy, d);
                }
                WriteText(copy, p.TreatmentType);
                WriteNullable(copy, p.EndDate);
                copy.Write((int)p.Outcome);
                WriteText(copy, p.Icd10);
            }
            copy.Complete();
        }
        else
        {
            using var cmd = (SqliteCommand)c.CreateCommand();
            cmd.Transaction = (SqliteTransaction)tx;
            cmd.CommandText = $"INSERT INTO pathways ({PathwayBulkWriter.Columns}) VALUES ({string.Join(", ", Columns.Select(n => "@" + n))})";
            foreach (var p in rows)
            {
                cmd.Parameters.Clear();
                object?[] values = [Reference, p.RowNumber, p.RegionCode, p.PersonKey, (int)p.Sex, p.BirthYear, p.Age, p.SvfCode, p.SuspicionDate,
                    p.FirstVisitDate, p.TreatmentDecisionDate, p.TreatmentStartDate, p.TreatmentType, p.EndDate, (int)p.Outcome, p.Icd10];
                for (var i = 0; i < values.Length; i++)
                {
                    cmd.Parameters.AddWithValue("@" + Columns[i], values[i] ?? DBNull.Value);
                }
                cmd.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value);
        }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value) where T : struct
    {
        if (value is { } v)
        {
            copy.Write(v);
        }
        else
        {
            copy.WriteNull();
        }
    }

    /// <summary>
    /// Every column but submission_id of one submission's rows, ordered by row, as the database holds it: PostgreSQL's own
    /// text form of each value (::text), SQLite's storage class with the value (typeof, then the text), NULL as null.
    /// </summary>
    private static List<string?[]> Stored(DbConnection c, long id)
    {
        var columns = Columns.Skip(1).ToList();
        var select = c is NpgsqlConnection
            ? string.Join(", ", columns.Select(n => $"{n}::text"))
            : string.Join(", ", columns.Select(n => $"CASE WHEN {n} IS NULL THEN NULL ELSE typeof({n}) || ':' || CAST({n} AS TEXT) END"));
        using var cmd = SvfDatabase.Command(c, null, $"SELECT {select} FROM pathways WHERE submission_id = {id.ToString(CultureInfo.InvariantCulture)} ORDER BY pathways.row_no");
        using var reader = cmd.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }
            rows.Add(row);
        }
        return rows;
    }
}
