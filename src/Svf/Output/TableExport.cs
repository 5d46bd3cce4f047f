using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Svf.Domain;

namespace Svf.Output;

/// <summary>
/// Writes any result table as CSV or JSON with the same stable snake_case column names (docs/output-columns.md).
/// CSV: UTF-8, ';' separator, '.' decimal point (invariant culture), ISO dates, empty field = null. Rows stream.
/// </summary>
public static class TableExport
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new SexJsonConverter(), new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IReadOnlyList<string> ColumnNames<T>() => Columns<T>().Select(c => c.Name).ToList();

    public static void WriteCsv<T>(IEnumerable<T> rows, TextWriter w)
    {
        var columns = Columns<T>();
        w.WriteLine(string.Join(';', columns.Select(c => c.Name)));
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    w.Write(';');
                }
                w.Write(Format(columns[i].Property.GetValue(row)));
            }
            w.WriteLine();
        }
    }

    public static void WriteJson<T>(IEnumerable<T> rows, Stream stream) => JsonSerializer.Serialize(stream, rows, JsonOptions);

    /// <summary>Writes to a file; the format follows the extension (.csv or .json).</summary>
    public static void WriteFile<T>(IEnumerable<T> rows, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            using var s = File.Create(path);
            WriteJson(rows, s);
        }
        else if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
            WriteCsv(rows, w);
        }
        else
        {
            throw new ArgumentException($"Unknown output format for '{path}': use a .csv or .json file name.", nameof(path));
        }
    }

    /// <summary>
    /// The rows as spreadsheet cells, one array per row in <see cref="ColumnNames{T}"/> order: numbers as <see cref="double"/>,
    /// dates as <see cref="DateOnly"/>, null as null, anything else as the text the CSV holds (not quoted: a spreadsheet
    /// writer stores it as a text cell, never a formula).
    /// </summary>
    public static IEnumerable<object?[]> Cells<T>(IEnumerable<T> rows)
    {
        var columns = Columns<T>();
        foreach (var row in rows)
        {
            yield return columns.Select(c => Cell(c.Property.GetValue(row))).ToArray();
        }
    }

    private static object? Cell(object? v) => v switch
    {
        null => null,
        double x => double.IsFinite(x) ? x : null,
        int or long or decimal or float or short => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        DateOnly d => d,
        _ => Plain(v),
    };

    private static string Format(object? v) => v switch
    {
        null => "",
        bool or Enum or IFormattable => Plain(v),
        _ => Escape(Plain(v)),
    };

    /// <summary>A value as text, unquoted: the form CSV and spreadsheets share.</summary>
    private static string Plain(object v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        Sex sex => sex.Code(),
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        DateOnly d => IsoDate.ToText(d),
        DateTime t => IsoDate.Instant(t),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        // A list (e.g. the months missing) as its items separated by commas.
        System.Collections.IEnumerable list => string.Join(",", list.Cast<object?>().Select(o => o is null ? "" : Plain(o))),
        _ => v.ToString() ?? "",
    };

    /// <summary>
    /// A text cell. Text can come from outside (a region's free text, a file name, a code as sent), so a cell that a
    /// spreadsheet would read as a formula (first character <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage
    /// return, or their full-width forms) gets a leading apostrophe and is enclosed in quotes (OWASP's advice on CSV
    /// injection); any other cell with <c>;</c>, <c>"</c> or a line break is enclosed in quotes too, <c>"</c> doubled. Numbers, dates,
    /// booleans and enums are written by <see cref="Format"/> without this, so a negative number stays a number.
    /// </summary>
    internal static string Escape(string s)
    {
        var neutralised = s.Length > 0 && FormulaStart(s[0]);
        if (neutralised)
        {
            s = "'" + s;
        }
        return neutralised || s.AsSpan().IndexOfAny(";\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    private static bool FormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';

    private static List<(string Name, PropertyInfo Property)> Columns<T>() =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p))
            .ToList();
}

/// <summary>Sex is written as in the submission format (M / K) in every output, not as an English word.</summary>
public sealed class SexJsonConverter : JsonConverter<Sex>
{
    public override Sex Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SexCodes.TryParse(reader.GetString(), out var sex) ? sex : throw new JsonException($"'{reader.GetString()}' is not a sex code (M or K).");

    public override void Write(Utf8JsonWriter writer, Sex value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code());
}
