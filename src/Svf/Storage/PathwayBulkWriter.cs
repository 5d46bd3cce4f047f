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
internal abstract class PathwayBulkWriter : IDisposable
{
    public const string Columns = "submission_id, row_no, region_code, person_key, sex, birth_year, age, svf_code, suspicion_date, " +
        "first_visit_date, treatment_decision_date, treatment_start_date, treatment_type, end_date, outcome, icd10";

    public int Written { get; protected set; }

    public abstract void Write(PathwayRecord p);

    /// <summary>Flushes; must be called before other commands use the connection.</summary>
    public abstract void Complete();

    public abstract void Dispose();

    /// <summary>
    /// AppContext switch: when set, <see cref="Create"/> uses the libraries' own insert paths (a parameterised
    /// <c>SqliteCommand</c>; Npgsql's <c>NpgsqlBinaryImporter</c>) instead of the hand-written writers. They store the same
    /// rows (tests/Svf.Tests/Storage/PathwayWriterRoundTripTests); the benchmark's <c>--library-writers</c> sets it to
    /// measure what the hand-written paths save (docs/adr/0009-hand-written-bulk-insert-paths.md).
    /// </summary>
    public const string LibraryWritersSwitch = "Svf.Storage.LibraryBulkWriters";

    public static PathwayBulkWriter Create(DbConnection c, DbTransaction tx, long submissionId) =>
        Create(c, tx, submissionId, AppContext.TryGetSwitch(LibraryWritersSwitch, out var library) && library);

    /// <param name="library">The libraries' own insert paths instead of the hand-written ones (see <see cref="LibraryWritersSwitch"/>).</param>
    public static PathwayBulkWriter Create(DbConnection c, DbTransaction tx, long submissionId, bool library) => c switch
    {
        // Binary COPY sends text as UTF-8; under another client encoding Npgsql's importer encodes it as the connection says.
        NpgsqlConnection pg => !library && PostgresRawWriter.Supports(pg) ? new PostgresRawWriter(pg, submissionId) : new PostgresWriter(pg, submissionId),
        SqliteConnection lite => library ? new SqliteCommandWriter(lite, (SqliteTransaction)tx, submissionId) : new SqliteWriter(lite, (SqliteTransaction)tx, submissionId),
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
            d.TryFormat(buffer, out var n, Svf.Output.IsoDate.Pattern, CultureInfo.InvariantCulture);
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

    /// <summary>
    /// The library's way: one prepared, parameterised <c>SqliteCommand</c>, its 16 parameters set by name for each row.
    /// The baseline <see cref="SqliteWriter"/> is measured against and must store exactly the same.
    /// </summary>
    private sealed class SqliteCommandWriter : PathwayBulkWriter
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _parameters;
        private readonly long _submissionId;

        public SqliteCommandWriter(SqliteConnection c, SqliteTransaction tx, long submissionId)
        {
            _submissionId = submissionId;
            var names = Columns.Split(", ");
            _insert = c.CreateCommand();
            _insert.Transaction = tx;
            _insert.CommandText = $"INSERT INTO pathways ({Columns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
            _parameters = [.. names.Select(n => _insert.Parameters.Add(new SqliteParameter("$" + n, null)))];
            _insert.Prepare();
        }

        public override void Write(PathwayRecord p)
        {
            object?[] values = [_submissionId, p.RowNumber, p.RegionCode, p.PersonKey, (int)p.Sex, p.BirthYear, p.Age, p.SvfCode,
                p.SuspicionDate, p.FirstVisitDate, p.TreatmentDecisionDate, p.TreatmentStartDate, p.TreatmentType, p.EndDate, (int)p.Outcome, p.Icd10];
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i] ?? DBNull.Value;
            }
            _insert.ExecuteNonQuery();
            Written++;
        }

        public override void Complete()
        {
        }

        public override void Dispose() => _insert.Dispose();
    }

    /// <summary>
    /// Binary COPY with the rows serialised here into a byte buffer and sent through Npgsql's raw COPY stream. The bytes are
    /// those <see cref="PostgresWriter"/>'s <c>NpgsqlBinaryImporter</c> sends (PostgreSQL's binary COPY format: big-endian
    /// bigint and integer, date as days since 2000-01-01, text as UTF-8), but without the importer's per-field parameter
    /// binding, type resolution and async state machines, which cost about as much CPU as validating the row.
    /// Used when the connection's client encoding is UTF-8 (Npgsql's default); otherwise <see cref="PostgresWriter"/>.
    /// </summary>
    private sealed class PostgresRawWriter : PathwayBulkWriter
    {
        private const short FieldCount = 16;
        private const int BufferSize = 1 << 16;

        // The binary COPY header: signature, flags (0) and header-extension length (0).
        private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

        // Strict UTF-8 as Npgsql's: a string that is not valid UTF-16 throws rather than being stored altered.
        private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        // Npgsql writes DateOnly.MinValue / MaxValue as -infinity / infinity unless this switch is set; so does this writer.
        private static readonly bool InfinityConversions =
            !(AppContext.TryGetSwitch("Npgsql.DisableDateTimeInfinityConversions", out var disabled) && disabled);

        private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

        private readonly NpgsqlRawCopyStream _copy;
        private readonly long _submissionId;
        private byte[] _buffer = new byte[BufferSize];
        private int _length;
        private bool _completed;

        public static bool Supports(NpgsqlConnection c) =>
            c.PostgresParameters.TryGetValue("client_encoding", out var encoding) && string.Equals(encoding, "UTF8", StringComparison.OrdinalIgnoreCase);

        public PostgresRawWriter(NpgsqlConnection c, long submissionId)
        {
            _submissionId = submissionId;
            _copy = c.BeginRawBinaryCopy($"COPY pathways ({Columns}) FROM STDIN (FORMAT BINARY)");
            Header.CopyTo(_buffer);
            _length = Header.Length;
        }

        public override void Write(PathwayRecord p)
        {
            // Upper bound of the row's size: count, 16 length words, 8 + 5 × 4 + 5 × 4 fixed bytes, and the strings.
            var max = 2 + FieldCount * 4 + 8 + 40 + MaxBytes(p.RegionCode) + MaxBytes(p.PersonKey) + MaxBytes(p.SvfCode) +
                MaxBytes(p.TreatmentType) + MaxBytes(p.Icd10);
            Reserve(max);
            var start = _length;
            try
            {
                Int16(FieldCount);
                Int64(_submissionId);
                Int32Field(p.RowNumber);
                Text(p.RegionCode);
                Text(p.PersonKey);
                Int32Field((int)p.Sex);
                Int32Field(p.BirthYear);
                Int32Field(p.Age);
                Text(p.SvfCode);
                Date(p.SuspicionDate);
                Date(p.FirstVisitDate);
                Date(p.TreatmentDecisionDate);
                Date(p.TreatmentStartDate);
                Text(p.TreatmentType);
                Date(p.EndDate);
                Int32Field((int)p.Outcome);
                Text(p.Icd10);
            }
            catch
            {
                _length = start; // nothing of a row that could not be encoded is sent
                throw;
            }
            Written++;
        }

        private static int MaxBytes(string? s) => s is null ? 0 : Utf8.GetMaxByteCount(s.Length);

        private void Reserve(int bytes)
        {
            if (_length + bytes <= _buffer.Length)
            {
                return;
            }
            Send();
            if (bytes > _buffer.Length)
            {
                _buffer = new byte[Math.Max(bytes, _buffer.Length * 2)];
            }
        }

        private void Send()
        {
            if (_length > 0)
            {
                _copy.Write(_buffer, 0, _length);
                _length = 0;
            }
        }

        private void Int16(short v)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), v);
            _length += 2;
        }

        private void Int32(int v)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), v);
            _length += 4;
        }

        private void Int64(long v)
        {
            Int32(8);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), v);
            _length += 8;
        }

        private void Int32Field(int v)
        {
            Int32(4);
            Int32(v);
        }

        private void Text(string? s)
        {
            if (s is null)
            {
                Int32(-1);
                return;
            }
            var n = Utf8.GetBytes(s, _buffer.AsSpan(_length + 4));
            Int32(n);
            _length += n;
        }

        private void Date(DateOnly? d)
        {
            if (d is not { } v)
            {
                Int32(-1);
                return;
            }
            Int32Field(InfinityConversions && v == DateOnly.MaxValue ? int.MaxValue
                : InfinityConversions && v == DateOnly.MinValue ? int.MinValue
                : v.DayNumber - PostgresEpochDay);
        }

        public override void Complete()
        {
            if (!_completed)
            {
                // Set first: if sending fails, Npgsql has already ended the COPY (and broken the connection), so Dispose must not cancel it.
                _completed = true;
                Reserve(2);
                Int16(-1); // trailer
                Send();
                _copy.Dispose(); // ends the COPY and waits for the server's result; throws if the server rejected a row
            }
        }

        public override void Dispose()
        {
            if (!_completed)
            {
                // Abandoned without Complete: cancel the COPY (nothing is stored); the surrounding transaction is then rolled back.
                _completed = true;
                try
                {
                    _copy.Cancel();
                }
                finally
                {
                    _copy.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// The library's way: Npgsql's <c>NpgsqlBinaryImporter</c>, one typed <c>Write</c> per field. Used when the client
    /// encoding is not UTF-8 (the importer then encodes text as the connection's <c>Encoding</c> says) and as the baseline
    /// <see cref="PostgresRawWriter"/> is measured against.
    /// </summary>
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
