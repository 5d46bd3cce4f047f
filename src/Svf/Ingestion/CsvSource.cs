using System.Text;
using Sylvan.Data.Csv;

namespace Svf.Ingestion;

/// <summary>
/// Opens a submission CSV (UTF-8 with or without BOM; ';' as in Swedish Excel, ',' or tab also recognised from the
/// header) and gives access to fields by column name. Streams: only one row is in memory at a time, and a row may be
/// at most <see cref="MaxRowChars"/> characters (a longer one, typically an unclosed quote swallowing the rest of the
/// file, stops the reading with <see cref="Sylvan.Data.Csv.CsvRecordTooLargeException"/>), so memory stays bounded.
/// Row numbers count records as a spreadsheet shows them: the header is row 1, a quoted field with a line break does
/// not start a new row, and blank rows are counted but not returned.
/// </summary>
public sealed class CsvSource : IDisposable
{
    /// <summary>The longest row that can be read (the reader's buffer, which does not grow).</summary>
    public const int MaxRowChars = 1 << 16;

    /// <summary>The longest field accepted (no field of the format comes near it; see docs/submission-format.md).</summary>
    public const int MaxFieldChars = 255;

    private readonly CsvDataReader _csv;
    private readonly Dictionary<string, int> _ordinals;

    public CsvSource(Stream stream)
    {
        ByteLength = stream.CanSeek ? stream.Length : 0;
        var delimiter = DetectDelimiter(stream);
        var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        _csv = CsvDataReader.Create(text, new CsvDataReaderOptions
        {
            Delimiter = delimiter,
            HasHeaders = true,
            OwnsReader = true,
            BufferSize = MaxRowChars,
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

    /// <summary>The file's size in bytes (0 if the stream cannot tell).</summary>
    public long ByteLength { get; }

    /// <summary>Column names that occur more than once in the header (which one is meant cannot be known).</summary>
    public List<string> DuplicateColumns { get; } = [];

    /// <summary>Row number of the current row in the file (the header is row 1; see the class summary).</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The rows returned so far: every row after the header except blank ones. These are the rows checked.</summary>
    public int RowsRead { get; private set; }

    /// <summary>The number of columns in the header.</summary>
    public int HeaderFieldCount => _csv.FieldCount;

    /// <summary>The number of fields in the current row.</summary>
    public int RowFieldCount => _csv.RowFieldCount;

    /// <summary>The header's name of the column at <paramref name="ordinal"/>, or null beyond the header.</summary>
    public string? ColumnName(int ordinal) => ordinal >= 0 && ordinal < _csv.FieldCount ? _csv.GetName(ordinal).Trim().TrimStart('\uFEFF') : null;

    public bool HasColumn(string name) => _ordinals.ContainsKey(name);

    /// <summary>True when the current row has more fields than the header: its values are shifted (often a decimal
    /// comma in a comma-separated file, or an unquoted separator), so no field of it can be trusted.</summary>
    public bool HasExtraFields => _csv.RowFieldCount > _csv.FieldCount;

    /// <summary>True when the current row has fewer fields than the header: it was cut off (a broken line, a truncated
    /// file), so the last columns are missing rather than empty, and an empty outcome would read as an ongoing pathway.</summary>
    public bool HasMissingFields => _csv.RowFieldCount < _csv.FieldCount;

    /// <summary>The first field of the current row longer than <see cref="MaxFieldChars"/> (trimmed), or -1.</summary>
    public int TooLongField()
    {
        for (var i = 0; i < _csv.RowFieldCount; i++)
        {
            if (_csv.GetFieldSpan(i).Length > MaxFieldChars && _csv.GetFieldSpan(i).Trim().Length > MaxFieldChars)
            {
                return i;
            }
        }
        return -1;
    }

    public bool Read()
    {
        while (_csv.Read())
        {
            Line++;
            if (!IsBlankRow())
            {
                RowsRead++;
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
