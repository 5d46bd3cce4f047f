using System.Globalization;
using System.Text;
using System.Text.Json;
using Svf.Output;

namespace Svf.Reports;

/// <summary>The feedback to one region on its yearly report: what is missing or inconsistent, and its status.</summary>
public sealed record ReportFeedbackLetter(
    int Year,
    string RegionCode,
    string RegionName,
    RegionReportingStatus Status,
    long? ReportId,
    int? ReportVersion,
    DateTime? SubmittedAtUtc,
    bool SubmittedAfterDeadline,
    DateOnly Deadline,
    IReadOnlyList<ReportFinding> Findings)
{
    public string ToJson() => JsonSerializer.Serialize(this, TableExport.JsonOptions);

    public static ReportFeedbackLetter FromJson(string json) => JsonSerializer.Deserialize<ReportFeedbackLetter>(json, TableExport.JsonOptions)!;

    public string ToText()
    {
        var sv = SwedishFormat.Culture;
        var b = new StringBuilder();
        b.AppendLine(sv, $"Återkoppling på SVF-redovisningen {Year} – {RegionName} ({RegionCode})");
        b.AppendLine(sv, $"Status: {StatusText(Status)}");
        if (SubmittedAtUtc is { } at)
        {
            b.AppendLine(sv, $"Redovisning version {ReportVersion} inkom {IsoDate.Minutes(Svf.Domain.SwedishTime.Local(at))} (svensk tid){(SubmittedAfterDeadline ? $" – efter sista dag {IsoDate.ToText(Deadline)}" : "")}.");
        }
        else
        {
            b.AppendLine(sv, $"Ingen redovisning har kommit in. Sista dag är {IsoDate.ToText(Deadline)}.");
        }
        if (Findings.Count > 0)
        {
            b.AppendLine("Att komplettera eller förklara:");
            foreach (var f in Findings)
            {
                b.AppendLine(sv, $"  - [{f.Section}{(f.Svf is null ? "" : "/" + f.Svf)}] {f.Message}");
            }
        }
        else if (SubmittedAtUtc is not null)
        {
            b.AppendLine("Redovisningen är komplett.");
        }
        if (Findings.Count > 0 && Findings.All(f => !f.MakesIncomplete))
        {
            b.AppendLine("Redovisningen följer mallen; uppgifterna ovan behöver förklaras eller rättas innan den räknas som komplett.");
        }
        return b.ToString();
    }

    public static string StatusText(RegionReportingStatus s) => s switch
    {
        RegionReportingStatus.NotReceived => "ej inkommen",
        RegionReportingStatus.Incomplete => "ofullständig",
        RegionReportingStatus.FeedbackSent => "återkoppling skickad, väntar på komplettering",
        _ => "komplett",
    };
}
