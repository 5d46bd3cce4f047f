using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Svf.Output;
using Svf.Storage;

namespace Svf.Assessment;

/// <summary>The SQL of locked decisions (schema version 6): insert once, read, never update.</summary>
internal static class DecisionStore
{
    public const string ReportInput = "report";

    public static string Serialize(DecisionRecord record) => JsonSerializer.Serialize(record, TableExport.JsonOptions);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Inserts the record in the caller's transaction; fails on the UNIQUE year if the year is already locked.</summary>
    public static long Insert(DbConnection c, DbTransaction tx, DecisionRecord record, IReadOnlyDictionary<string, byte[]> files)
    {
        var json = Serialize(record);
        var id = Convert.ToInt64(SvfDatabase.Scalar(c, tx,
            "INSERT INTO assessment_decisions (year, locked_at, locked_by, policy, rules_sha256, reference_sha256, result_fingerprint, record_sha256, record_json) " +
            "VALUES (@y, @at, @by, @p, @rules, @ref, @fp, @sha, @json) RETURNING id",
            ("y", record.Year), ("at", record.LockedAtUtc), ("by", record.LockedBy), ("p", record.Policy.ToString()), ("rules", record.RulesSha256),
            ("ref", record.ReferenceSha256), ("fp", record.ResultFingerprint), ("sha", Sha256(Encoding.UTF8.GetBytes(json))), ("json", json)),
            CultureInfo.InvariantCulture);
        foreach (var s in record.Inputs.Submissions)
        {
            SvfDatabase.Execute(c, tx,
                "INSERT INTO assessment_decision_inputs (decision_id, input_kind, input_id, region_code, period, version_no, received_at) VALUES (@d, @k, @i, @r, @p, @v, @at)",
                ("d", id), ("k", s.Kind), ("i", s.Id), ("r", s.RegionCode), ("p", s.Period), ("v", s.VersionNumber), ("at", s.ReceivedAtUtc));
        }
        foreach (var r in record.Inputs.Reports)
        {
            SvfDatabase.Execute(c, tx,
                "INSERT INTO assessment_decision_inputs (decision_id, input_kind, input_id, region_code, period, version_no, received_at) VALUES (@d, @k, @i, @r, @p, @v, @at)",
                ("d", id), ("k", ReportInput), ("i", r.Id), ("r", r.RegionCode), ("p", record.Year.ToString(CultureInfo.InvariantCulture)), ("v", r.VersionNumber), ("at", r.SavedAtUtc));
        }
        foreach (var (name, bytes) in files)
        {
            SvfDatabase.Execute(c, tx, "INSERT INTO assessment_decision_files (decision_id, name, sha256, content) VALUES (@d, @n, @s, @c)",
                ("d", id), ("n", name), ("s", Sha256(bytes)), ("c", bytes));
        }
        return id;
    }

    public static bool Exists(DbConnection c, DbTransaction? tx, int year) =>
        SvfDatabase.Scalar(c, tx, "SELECT id FROM assessment_decisions WHERE year = @y", ("y", year)) is not null;

    public static LockedDecision? Read(SvfDatabase db, int year)
    {
        using var c = db.OpenConnection();
        long id;
        string json, sha;
        using (var cmd = SvfDatabase.Command(c, null, "SELECT id, record_json, record_sha256 FROM assessment_decisions WHERE year = @y", ("y", year)))
        using (var r = cmd.ExecuteReader())
        {
            if (!r.Read())
            {
                return null;
            }
            id = r.GetInt64(0);
            json = r.GetString(1);
            sha = r.GetString(2);
        }
        if (Sha256(Encoding.UTF8.GetBytes(json)) != sha)
        {
            throw new InvalidDataException($"The locked decision for {year} (record {id}) does not match its stored SHA-256: the record has been altered.");
        }
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        using (var cmd = SvfDatabase.Command(c, null, "SELECT name, sha256, content FROM assessment_decision_files WHERE decision_id = @d", ("d", id)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var bytes = (byte[])r.GetValue(2);
                if (Sha256(bytes) != r.GetString(1))
                {
                    throw new InvalidDataException($"File {r.GetString(0)} of the locked decision for {year} does not match its stored SHA-256.");
                }
                files[r.GetString(0)] = bytes;
            }
        }
        var record = JsonSerializer.Deserialize<DecisionRecord>(json, TableExport.JsonOptions)
            ?? throw new InvalidDataException($"The locked decision for {year} is empty.");
        return new LockedDecision(id, record, sha, files);
    }

    /// <summary>When each locked year was locked (UTC).</summary>
    public static Dictionary<int, DateTime> LockTimes(SvfDatabase db)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null, "SELECT year, locked_at FROM assessment_decisions");
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<int, DateTime>();
        while (r.Read())
        {
            map[r.GetInt32(0)] = DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc);
        }
        return map;
    }
}
