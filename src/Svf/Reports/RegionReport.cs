using System.Text.Json;
using System.Text.Json.Serialization;

namespace Svf.Reports;

/// <summary>
/// A region's yearly SVF report (redovisning) as structured data, following the year's template in the rules file.
/// The JSON form (snake_case) is what regions fill in: `svf report template` writes a pre-filled draft.
/// </summary>
public sealed record RegionReport
{
    public required string Region { get; init; }
    public required int Year { get; init; }
    /// <summary>Waiting-time status per SVF: figures pre-filled from the indicator engine, the comment written by the region.</summary>
    public IReadOnlyList<SvfStatusEntry> SvfStatus { get; init; } = [];
    public PremSection? Prem { get; init; }
    /// <summary>Systematic obstacles in selected SVF where waits exceed the optimal lead time by more than the year's threshold.</summary>
    public IReadOnlyList<ObstacleEntry> Obstacles { get; init; } = [];
    /// <summary>Free-text sections by template section id (e.g. longest_waits_follow_up, colorectal, myeloma, improvement_work).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>();
    /// <summary>The region's own inclusion rate for the measurement period, as a fraction (0.74 = 74 %).</summary>
    public decimal? OwnInclusionRate { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a report; a list or section written as null is read as empty, so it is reported as missing, not crashed on.</summary>
    public static RegionReport FromJson(string json)
    {
        var r = JsonSerializer.Deserialize<RegionReport>(json, JsonOptions) ?? throw new InvalidDataException("The report file is empty.");
        return r with
        {
            SvfStatus = r.SvfStatus ?? [],
            Obstacles = r.Obstacles ?? [],
            Texts = r.Texts ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>What makes a report unfit to be saved at all (as opposed to incomplete): unknown codes, impossible values.</summary>
    public IReadOnlyList<string> Problems(Svf.ReferenceData.ReferenceDataSet reference)
    {
        var problems = new List<string>();
        if (!reference.RegionsByCode.ContainsKey(Region ?? ""))
        {
            problems.Add($"unknown region '{Region}'");
        }
        problems.AddRange(SvfStatus.Where(e => e is null || !reference.SvfsByCode.ContainsKey(e.Svf ?? "")).Select(e => $"svf_status: unknown SVF '{e?.Svf}'"));
        problems.AddRange(SvfStatus.Where(e => e is not null).GroupBy(e => e.Svf).Where(g => g.Count() > 1).Select(g => $"svf_status: SVF '{g.Key}' given twice"));
        problems.AddRange(Obstacles.Where(o => o is null || o.Svf is null).Select(_ => "obstacles: an entry without an SVF"));
        if (OwnInclusionRate is < 0 or > 2)
        {
            problems.Add($"own_inclusion_rate {OwnInclusionRate} is not a fraction (write 0.74 for 74 %)");
        }
        return problems;
    }
}

/// <summary>Pre-filled: treated, within-limit share and the share over the deep-dive threshold. Written by the region: the comment.</summary>
public sealed record SvfStatusEntry(string Svf, long? Treated, double? WithinLimitShare, double? OverDeepDiveShare, string? Comment);

public sealed record PremSection(bool? InUse, string? Results, string? HowUsed);

public sealed record ObstacleEntry(string Svf, string Description);
