using System.Text.Json;
using System.Text.Json.Serialization;
using Json.Schema;

namespace Svf.Rules;

/// <summary>
/// What the per-year data files beside the rules share (agreement-YYYY.json, allocation-YYYY.json): how they are read,
/// where they come from (built in, then an extra folder whose files win) and how a schema violation is named.
/// </summary>
internal static class RulesFiles
{
    private const string ResourcePrefix = "Svf.Rules.";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>A built-in file of Rules/Data by its file name.</summary>
    public static string ReadResource(string name)
    {
        using var s = typeof(RulesFiles).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"Built-in rules file {name} is missing.");
        using var reader = new StreamReader(s);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Every "<paramref name="stem"/>-YYYY.json": the built-in ones in name order, then those in
    /// <paramref name="extraDirectory"/> (schemas excepted), as text with the file name.
    /// </summary>
    public static IEnumerable<(string Text, string FileName)> YearFiles(string stem, string? extraDirectory)
    {
        foreach (var name in typeof(RulesFiles).Assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix + stem + "-2", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var fileName = name[ResourcePrefix.Length..];
            yield return (ReadResource(fileName), fileName);
        }
        if (extraDirectory is null)
        {
            yield break;
        }
        foreach (var path in Directory.GetFiles(extraDirectory, stem + "-*.json").Where(p => !p.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return (File.ReadAllText(path), Path.GetFileName(path));
        }
    }

    /// <summary>Every schema violation as "location: message", empty when the document matches.</summary>
    public static IReadOnlyList<string> SchemaProblems(JsonSchema schema, JsonElement root)
    {
        var result = schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Prepend(result)
                .Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } l ? l : "/")}: {e.Value}"))
                .Distinct()
                .ToList();
    }
}
