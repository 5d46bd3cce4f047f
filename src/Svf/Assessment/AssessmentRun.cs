using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Svf.Indicators;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Assessment;

/// <summary>
/// One complete assessment of a year, as <c>svf assess</c> shows it and a locked decision records it: the conditions and
/// payment decisions, the allocation (or why none could be computed), deviations, conclusions and caveats.
/// </summary>
public sealed record AssessmentRun(
    AgreementRules Rules,
    FailedSharePolicy Policy,
    AssessmentResult Assessment,
    Allocator.Result? Allocation,
    string? AllocationUnavailable,
    IReadOnlyList<DeviationRow> Deviations,
    IReadOnlyList<ConclusionRow> Conclusions)
{
    /// <summary>Runs the assessment from the current data, or from exactly <paramref name="inputs"/>.</summary>
    public static AssessmentRun Execute(SvfDatabase db, AgreementRules rules, ReferenceDataSet reference, IndicatorOptions options,
        FailedSharePolicy policy, AssessmentInputs? inputs = null, ILeadTimeFallback? fallback = null)
    {
        var assessment = new PaymentAssessor(db, reference, options, fallback).Assess(rules, inputs);
        Allocator.Result? allocation = null;
        string? unavailable = null;
        try
        {
            allocation = Allocator.Allocate(assessment, reference, policy);
        }
        catch (AllocationUnavailableException e)
        {
            unavailable = e.Message;
        }
        var reports = inputs is null ? Svf.Reports.RegionReportStore.History(db, rules.Year) : inputs.ReportsOf(db, rules.Year);
        return new AssessmentRun(rules, policy, assessment, allocation, unavailable,
            Svf.Assessment.Deviations.Build(assessment, reports), Svf.Assessment.Deviations.Conclusions(assessment, allocation));
    }

    public IReadOnlyList<Caveat> Caveats => Rules.ProvisionalParameters().Select(p => new Caveat(Rules.Year, p)).ToList();

    /// <summary>
    /// The first 16 hex characters of the SHA-256 of the condition results, payment decisions and allocation rows as JSON:
    /// two runs with the same fingerprint gave the same results.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
        new { Assessment.Conditions, Assessment.Decisions, Allocation = Allocation?.Rows }, TableExport.JsonOptions)))[..16];

    /// <summary>The audit entry every run leaves (assessment.run): who, which year and policy, and the result as a fingerprint.</summary>
    public void WriteAudit(SvfDatabase db, string actor) =>
        AuditLog.Write(db, actor, "assessment.run", null, null,
            $"year {Rules.Year}, policy {Policy}, {Assessment.Decisions.Count(d => d.Qualifies)} payment decisions met, " +
            $"allocation {(Allocation is null ? "not computed" : "computed")}, result fingerprint {Fingerprint}");

    /// <summary>
    /// The output files of the run, by file name (CSV and JSON of every table, docs/output-columns.md), as bytes: what
    /// <c>--out-dir</c> writes, and what a locked decision keeps to export again byte for byte.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> ExportFiles()
    {
        var y = Rules.Year;
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        void Add<T>(string name, IEnumerable<T> rows)
        {
            var list = rows.ToList();
            using (var w = new StringWriter())
            {
                TableExport.WriteCsv(list, w);
                files[$"{name}-{y}.csv"] = new UTF8Encoding(false).GetBytes(w.ToString());
            }
            using var s = new MemoryStream();
            TableExport.WriteJson(list, s);
            files[$"{name}-{y}.json"] = s.ToArray();
        }
        Add("caveats", Caveats);
        Add("assessment", Assessment.Conditions);
        Add("deviations", Deviations);
        Add("conclusions", Conclusions);
        if (Allocation is not null)
        {
            Add("allocation", Allocation.Rows);
            Add("allocation-subtotals", Allocation.Subtotals);
        }
        return files;
    }

    private static readonly string[] AllocationFileStems = ["allocation", "allocation-subtotals"];

    /// <summary>Writes <see cref="ExportFiles"/> to a folder; an allocation file of an earlier run that this one could not compute is deleted.</summary>
    public static void WriteFiles(IReadOnlyDictionary<string, byte[]> files, int year, string outDir)
    {
        Directory.CreateDirectory(outDir);
        foreach (var stale in AllocationFileStems.SelectMany(n => new[] { $"{n}-{year}.csv", $"{n}-{year}.json" }))
        {
            // An allocation that could not be computed this time must not leave an older one looking current.
            File.Delete(Path.Combine(outDir, stale));
        }
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(outDir, name), bytes);
        }
    }
}

/// <summary>One provisional parameter of the year's rules: every output file set carries the list.</summary>
public sealed record Caveat(int Year, string ProvisionalParameter);
