using System.Data.Common;
using Svf.Output;

namespace Svf.Storage;

/// <summary>
/// Append-only record of who did what: submissions received, rejected, superseded, and every read of patient-level data.
/// Details never contain personal identity numbers, and each entry stays one line (<see cref="SafeText"/>).
/// </summary>
public static class AuditLog
{
    /// <summary>Appends one entry, stamped with the configured clock of the database the connection belongs to (<see cref="SvfDatabase.Clock"/>).</summary>
    public static void Write(DbConnection c, DbTransaction? tx, string actor, string action, string? region, long? submissionId, string detail) =>
        SvfDatabase.Execute(c, tx,
            "INSERT INTO audit_log (at, actor, action, region_code, submission_id, detail) VALUES (@at, @actor, @action, @r, @s, @d)",
            ("at", SvfDatabase.ClockOf(c).GetUtcNow().UtcDateTime), ("actor", SafeText.OneLine(actor)), ("action", action), ("r", region), ("s", submissionId), ("d", SafeText.OneLine(detail)));

    public static void Write(SvfDatabase db, string actor, string action, string? region, long? submissionId, string detail)
    {
        using var c = db.OpenConnection();
        Write(c, null, actor, action, region, submissionId, detail);
    }

    public sealed record Entry(DateTime AtUtc, string Actor, string Action, string? RegionCode, long? SubmissionId, string Detail);

    public static List<Entry> Read(SvfDatabase db, int limit = 1000)
    {
        using var c = db.OpenConnection();
        using var cmd = SvfDatabase.Command(c, null, "SELECT at, actor, action, region_code, submission_id, detail FROM audit_log ORDER BY id DESC LIMIT @n", ("n", limit));
        using var r = cmd.ExecuteReader();
        var list = new List<Entry>();
        while (r.Read())
        {
            list.Add(new Entry(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetString(5)));
        }
        return list;
    }
}
