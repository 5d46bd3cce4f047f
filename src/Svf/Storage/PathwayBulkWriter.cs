using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;
using Svf.Ingestion;

namespace Svf.Storage;

/// <summary>
/// Writes validated pathways of one submission inside its transaction: a prepared INSERT on SQLite, binary COPY on
/// PostgreSQL. Rows are written as they are validated, so memory stays bounded whatever the file size.
/// </summary>
public abstract class PathwayBulkWriter : IDisposable
{
    public const string Columns = "submission_id, row_no, region_code, person_key, sex, birth_year, age, svf_code, suspicion_date, " +
        "first_visit_date, treatment_decision_date, treatment_start_date, treatment_type, end_date, outcome, icd10";

    public int Written { get; protected set; }

    public abstract void Write(PathwayRecord p);

    /// <summary>Flushes; must be called before other commands use the connection.</summary>
    public abstract void Complete();

    public abstract void Dispose();

    public static PathwayBulkWriter Create(DbConnection c, DbTransaction tx, long submissionId) => c switch
    {
        NpgsqlConnection pg => new PostgresWriter(pg, submissionId),
        SqliteConnection lite => new SqliteWriter(lite, (SqliteTransaction)tx, submissionId),
        _ => throw new NotSupportedException(c.GetType().Name),
    };

    /// <summary>
    /// Like <see cref="Create"/>, but the rows are written on a background thread, in order, while the caller goes on
    /// reading and validating the next ones (on two cores this overlaps validation with the database insert).
    /// The caller must not use the connection until <see cref="Complete"/> or <see cref="Dispose"/> has returned.
    /// </summary>
    public static PathwayBulkWriter CreateBackground(DbConnection c, DbTransaction tx, long submissionId) =>
        new BackgroundWriter(Create(c, tx, submissionId));

    /// <summary>Hands rows in batches to one background thread that writes them with the inner writer; batches stay in order.</summary>
    private sealed class BackgroundWriter : PathwayBulkWriter
    {
        private const int BatchSize = 1024;
        private readonly PathwayBulkWriter _inner;
        private readonly System.Collections.Concurrent.BlockingCollection<PathwayRecord[]> _queue = new(boundedCapacity: 4);
        private readonly Thread _thread;
        private PathwayRecord[] _batch = new PathwayRecord[BatchSize];
        private int _count;
        private volatile bool _discard;
        private volatile System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;
        private bool _done;

        public BackgroundWriter(PathwayBulkWriter inner)
        {
            _inner = inner;
            _thread = new Thread(Consume) { IsBackground = true, Name = "pathway-writer" };
            _thread.Start();
        }

        public override void Write(PathwayRecord p)
        {
            _failure?.Throw();
            _batch[_count++] = p;
            if (_count == BatchSize)
            {
                _queue.Add(_batch);
                _batch = new PathwayRecord[BatchSize];
                _count = 0;
            }
        }

        public override void Complete()
        {
            if (_done)
            {
                return;
            }
            if (_count > 0)
            {
                _queue.Add(_batch[.._count]);
                _count = 0;
            }
            Finish();
            _failure?.Throw();
            _inner.Complete();
            Written = _inner.Written;
        }

        public override void Dispose()
        {
            if (!_done)
            {
                // Abandoned (the caller is unwinding an exception): stop writing, wait for the thread, then release the inner writer.
                _discard = true;
                Finish();
            }
            _inner.Dispose();
            _queue.Dispose();
        }

        private void Finish()
        {
            _done = true;
            _queue.CompleteAdding();
            _thread.Join();
        }

        private void Consume()
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                if (_discard || _failure is not null)
                {
                    continue; // keep draining so the producer never blocks
                }
                try
                {
                    foreach (var p in batch)
                    {
                        _inner.Write(p);
                    }
                }
                catch (Exception e)
                {
                    _failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
            }
        }
    }

    /// <summary>
    /// A prepared INSERT stepped directly through SQLite's C API (SQLitePCL.raw, which Microsoft.Data.Sqlite is built on):
    /// parameters are bound by position with UTF-8 text written into a stack buffer. This stores exactly what
    /// <c>SqliteCommand</c> would (integers as INTEGER, dates as ISO text "yyyy-MM-dd", strings as UTF-8 TEXT, NULL), but
    /// without its per-row reader, name lookup of all 16 parameters and boxing, which took most of the ingest time.
    /// The connection's transaction (BEGIN IMMEDIATE, so the write lock is already held) covers these rows.
    /// </summary>
    private sealed class SqliteWriter : PathwayBulkWriter
    {
        private readonly SqliteConnection _connection;
        private readonly sqlite3_stmt _stmt;
        private readonly long _submissionId;

        public SqliteWriter(SqliteConnection c, SqliteTransaction tx, long submissionId)
        {
            if (tx.Connection != c)
            {
                throw new ArgumentException("The transaction belongs to another connection.", nameof(tx));
            }
            _connection = c;
            _submissionId = submissionId;
            var names = Columns.Split(", ");
            var sql = $"INSERT INTO pathways ({Columns}) VALUES ({string.Join(", ", names.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture)))})";
            Check(raw.sqlite3_prepare_v2(c.Handle, sql, out _stmt));
        }

        public override void Write(PathwayRecord p)
        {
            Span<byte> buffer = stackalloc byte[16];
            var s = _stmt;
            raw.sqlite3_bind_int64(s, 1, _submissionId);
            raw.sqlite3_bind_int64(s, 2, p.RowNumber);
            Text(3, p.RegionCode);
            Text(4, p.PersonKey);
            raw.sqlite3_bind_int64(s, 5, (int)p.Sex);
            raw.sqlite3_bind_int64(s, 6, p.BirthYear);
            raw.sqlite3_bind_int64(s, 7, p.Age);
            Text(8, p.SvfCode);
            Date(9, p.SuspicionDate, buffer);
            Date(10, p.FirstVisitDate, buffer);
            Date(11, p.TreatmentDecisionDate, buffer);
            Date(12, p.TreatmentStartDate, buffer);
            Text(13, p.TreatmentType);
            Date(14, p.EndDate, buffer);
            raw.sqlite3_bind_int64(s, 15, (int)p.Outcome);
            Text(16, p.Icd10);
            var rc = raw.sqlite3_step(s);
            try
            {
                Check(rc);
            }
            finally
            {
                raw.sqlite3_reset(s);
            }
            Written++;
        }

        private void Text(int index, string? value) =>
            Check(value is null ? raw.sqlite3_bind_null(_stmt, index) : raw.sqlite3_bind_text(_stmt, index, value));

        private void Date(int index, DateOnly? value, Span<byte> buffer)
        {
            if (value is not { } d)
            {
                Check(raw.sqlite3_bind_null(_stmt, index));
                return;
            }
            // The same text Microsoft.Data.Sqlite writes for a DateOnly parameter; the indicator reader parses it back.
            d.TryFormat(buffer, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Check(raw.sqlite3_bind_text(_stmt, index, buffer[..n]));
        }

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
        }

        public override void Complete()
        {
        }

        public override void Dispose() => _stmt.Dispose();
    }

    private sealed class PostgresWriter(NpgsqlConnection c, long submissionId) : PathwayBulkWriter
    {
        private readonly NpgsqlBinaryImporter _copy = c.BeginBinaryImport($"COPY pathways ({Columns}) FROM STDIN (FORMAT BINARY)");
        private bool _completed;

        public override void Write(PathwayRecord p)
        {
            _copy.StartRow();
            _copy.Write(submissionId, NpgsqlDbType.Bigint);
            _copy.Write(p.RowNumber, NpgsqlDbType.Integer);
            _copy.Write(p.RegionCode, NpgsqlDbType.Text);
            _copy.Write(p.PersonKey, NpgsqlDbType.Text);
            _copy.Write((int)p.Sex, NpgsqlDbType.Integer);
            _copy.Write(p.BirthYear, NpgsqlDbType.Integer);
            _copy.Write(p.Age, NpgsqlDbType.Integer);
            _copy.Write(p.SvfCode, NpgsqlDbType.Text);
            _copy.Write(p.SuspicionDate, NpgsqlDbType.Date);
            WriteDate(p.FirstVisitDate);
            WriteDate(p.TreatmentDecisionDate);
            WriteDate(p.TreatmentStartDate);
            WriteText(p.TreatmentType);
            WriteDate(p.EndDate);
            _copy.Write((int)p.Outcome, NpgsqlDbType.Integer);
            WriteText(p.Icd10);
            Written++;
        }

        private void WriteDate(DateOnly? d)
        {
            if (d is { } v)
            {
                _copy.Write(v, NpgsqlDbType.Date);
            }
            else
            {
                _copy.WriteNull();
            }
        }

        private void WriteText(string? s)
        {
            if (s is null)
            {
                _copy.WriteNull();
            }
            else
            {
                _copy.Write(s, NpgsqlDbType.Text);
            }
        }

        public override void Complete()
        {
            if (!_completed)
            {
                _copy.Complete();
                _copy.Dispose();
                _completed = true;
            }
        }

        public override void Dispose()
        {
            if (!_completed)
            {
                // Disposing without Complete cancels the COPY; the surrounding transaction is then rolled back.
                _copy.Dispose();
                _completed = true;
            }
        }
    }
}
