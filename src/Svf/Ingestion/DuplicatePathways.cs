using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Svf.Storage;

namespace Svf.Ingestion;

/// <summary>
/// Finds the rows of one pathway file that repeat an earlier row's person, SVF and suspicion date
/// (<c>row.duplicate</c>), with memory that does not grow with the file. Each stored row's key goes into a Bloom
/// filter of fixed size (at most <see cref="MaxFilterBytes"/>); a file none of whose keys was possibly seen before has
/// no duplicate, and nothing more is done (the usual case). Otherwise the rows already written in the submission's
/// transaction are grouped in the database (which sorts on disk, not in this process) and every repeat is reported,
/// naming the first row. An in-memory set of every key, as before, took about 130 bytes per row (1.4 GB for
/// 11 million rows).
/// </summary>
internal sealed class DuplicatePathways
{
    /// <summary>16 MB: under one false "possibly seen" in ten files of 350 000 rows (three bits per key).</summary>
    public const int MaxFilterBytes = 16 << 20;
    private const int MinFilterBytes = 64 << 10;
    private const int BitsPerRow = 384; // ~48 bytes per expected row, capped by MaxFilterBytes

    private readonly ulong[] _bits;
    private readonly ulong _mask;

    /// <param name="expectedRows">An estimate (e.g. from the file's size); only the filter's size depends on it.</param>
    public DuplicatePathways(long expectedRows)
    {
        var bytes = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Clamp(expectedRows * BitsPerRow / 8, MinFilterBytes, MaxFilterBytes));
        _bits = new ulong[bytes / 8];
        _mask = (ulong)bytes * 8 - 1;
    }

    /// <summary>True once a key was added that was possibly added before: then <see cref="Report"/> must look.</summary>
    public bool PossiblyAny { get; private set; }

    public void Add(PathwayRecord p)
    {
        // The person key is the hex of an HMAC: already uniformly random, so two of its 64-bit halves are good hashes.
        var a = ulong.Parse(p.PersonKey.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var b = ulong.Parse(p.PersonKey.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var other = Fnv(p.SvfCode) << 32 ^ (uint)p.SuspicionDate.DayNumber; // stable across processes (string.GetHashCode is not)
        var h1 = Mix(a ^ other);
        var h2 = Mix(b + other) | 1;
        var seen = true;
        for (var i = 0UL; i < 3; i++)
        {
            var bit = (h1 + i * h2) & _mask;
            ref var word = ref _bits[bit >> 6];
            var m = 1UL << (int)(bit & 63);
            seen &= (word & m) != 0;
            word |= m;
        }
        PossiblyAny |= seen;
    }

    /// <summary>Reports every stored row that repeats an earlier one, in row order. Only when <see cref="PossiblyAny"/>.</summary>
    public void Report(DbConnection c, DbTransaction tx, long submissionId, IssueCollector issues)
    {
        if (!PossiblyAny)
        {
            return;
        }
        using var cmd = SvfDatabase.Command(c, tx,
            "SELECT p.row_no, d.first_row FROM pathways p JOIN (" +
            "SELECT person_key, svf_code, suspicion_date, MIN(row_no) AS first_row FROM pathways WHERE submission_id = @s " +
            "GROUP BY person_key, svf_code, suspicion_date HAVING COUNT(*) > 1) d " +
            "ON p.person_key = d.person_key AND p.svf_code = d.svf_code AND p.suspicion_date = d.suspicion_date " +
            "WHERE p.submission_id = @s AND p.row_no > d.first_row ORDER BY p.row_no",
            ("s", submissionId));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var row = Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture);
            var first = Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture);
            issues.Error("row.duplicate", row, SubmissionColumns.PersonalId, $"Dubblett av rad {first}: samma person, SVF och datum för välgrundad misstanke.");
        }
    }

    private static ulong Fnv(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
