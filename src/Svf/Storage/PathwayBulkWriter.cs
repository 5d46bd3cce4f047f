using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
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

    private sealed class SqliteWriter : PathwayBulkWriter
    {
        private readonly SqliteCommand _cmd;
        private readonly SqliteParameter[] _p;

        public SqliteWriter(SqliteConnection c, SqliteTransaction tx, long submissionId)
        {
            _cmd = c.CreateCommand();
            _cmd.Transaction = tx;
            var names = Columns.Split(", ");
            _cmd.CommandText = $"INSERT INTO pathways ({Columns}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
            _p = names.Select(n => _cmd.Parameters.Add(new SqliteParameter("$" + n, null))).ToArray();
            _p[0].Value = submissionId;
            _cmd.Prepare();
        }

        public override void Write(PathwayRecord p)
        {
            _p[1].Value = p.RowNumber;
            _p[2].Value = p.RegionCode;
            _p[3].Value = p.PersonKey;
            _p[4].Value = (int)p.Sex;
            _p[5].Value = p.BirthYear;
            _p[6].Value = p.Age;
            _p[7].Value = p.SvfCode;
            _p[8].Value = p.SuspicionDate;
            _p[9].Value = (object?)p.FirstVisitDate ?? DBNull.Value;
            _p[10].Value = (object?)p.TreatmentDecisionDate ?? DBNull.Value;
            _p[11].Value = (object?)p.TreatmentStartDate ?? DBNull.Value;
            _p[12].Value = (object?)p.TreatmentType ?? DBNull.Value;
            _p[13].Value = (object?)p.EndDate ?? DBNull.Value;
            _p[14].Value = (int)p.Outcome;
            _p[15].Value = (object?)p.Icd10 ?? DBNull.Value;
            _cmd.ExecuteNonQuery();
            Written++;
        }

        public override void Complete()
        {
        }

        public override void Dispose() => _cmd.Dispose();
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
