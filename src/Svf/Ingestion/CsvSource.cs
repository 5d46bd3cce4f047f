using System.Text;
using Sylvan.Data.Csv;

namespace Svf.Ingestion;

/// <summary>
/// Opens a submission CSV (UTF-8 with or without BOM; ';' as in Swedish Excel, ',' or tab also recognised from the
/// header) and gives access to fields by column name. Streams: only one row is in memory at a time.
/// </summary>
public sealed class CsvSource : IDisposable
{
    private readonly CsvDataReader _csv;
    private readonly Dictionary<string, int> _ordinals;

    public CsvSource(Stream stream)
    {
        var delimiter = DetectDelimiter(stream);
        var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        _csv = CsvDataReader.Create(text, new CsvDataReaderOptions
        {
            Delimiter = delimiter,
            HasHeaders = true,
            OwnsReader = true,
            BufferSize = 1 << 16,
        });
        _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _csv.FieldCount; i++)
        {
            var name = _csv.GetName(i).Trim().TrimStart('\uFEFF');
            if (!_ordinals.TryAdd(name, i))
            {
                DuplicateColumns.Add(name);
            }
        }
    }

    public IReadOnlyCollection<string> Columns => _ordinals.Keys;

    /// <summary>Column names that occur more than once in the header (which one is meant cannot be known).</summary>
    public List<string> DuplicateColumns { get; } = [];

    /// <summary>Line number of the current row in the file (the header is line 1).</summary>
    public int Line { get; private set; } = 1;

    public bool HasColumn(string name) => _ordinals.ContainsKey(name);

    /// <summary>True when the current row has more fields than the header: its values are shifted (often a decimal
    /// comma in a comma-separated file, or an unquoted separator), so no field of it can be trusted.</summary>
    public bool HasExtraFields => _csv.RowFieldCount > _csv.FieldCount;

    public bool Read()
    {
        while (_csv.Read())
        {
            Line++;
            if (!IsBlankRow())
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The trimmed field, or null if the column is absent or the field empty.</summary>
    public string? Get(string column) => Get(Ordinal(column));

    /// <summary>The position of a column (case-insensitive), or -1 if the file has no such column. Look it up once, then use <see cref="Get(int)"/> per row.</summary>
    public int Ordinal(string column) => _ordinals.TryGetValue(column, out var i) ? i : -1;

    /// <summary>The trimmed field at <paramref name="ordinal"/>, or null if the ordinal is -1, the row is short or the field empty.</summary>
    public string? Get(int ordinal)
    {
        if (ordinal < 0 || ordinal >= _csv.RowFieldCount)
        {
            return null;
        }
        // Trim the reader's span before making a string: empty and padded fields allocate nothing extra.
        var v = _csv.GetFieldSpan(ordinal).Trim();
        return v.IsEmpty ? null : v.ToString();
    }

    public void Dispose() => _csv.Dispose();

    private bool IsBlankRow()
    {
        for (var i = 0; i < _csv.RowFieldCount; i++)
        {
            if (!_csv.GetFieldSpan(i).IsWhiteSpace())
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Looks at the header line without consuming it: ';' unless the header has none and has tabs or commas.</summary>
    private static char DetectDelimiter(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return ';';
        }
        var pos = stream.Position;
        var bytes = new byte[4096];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        stream.Position = pos;
        var head = Encoding.UTF8.GetString(bytes, 0, read);
        var eol = head.IndexOfAny(['\r', '\n']);
        var header = eol >= 0 ? head[..eol] : head;
        if (header.Contains(';', StringComparison.Ordinal))
        {
            return ';';
        }
        if (header.Contains('\t', StringComparison.Ordinal))
        {
            return '\t';
        }
        return header.Contains(',', StringComparison.Ordinal) ? ',' : ';';
    }
}
