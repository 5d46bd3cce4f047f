using System.Security.Cryptography;
using System.Text;
using Svf.Indicators;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// The versions the <see cref="ResultCache"/> keys results on: cheap reads of what a result was computed from (the submission
/// headers, the yearly reports; never the pathway rows) plus fingerprints of the configuration (reference data, indicator
/// options, a year's rules). Any change that could change a result changes its version.
/// </summary>
internal static class DataVersion
{
    /// <summary>Which submissions count now (see <see cref="SubmissionStore.Version"/>): the indicator tables depend on nothing else in the database.</summary>
    public static string Submissions(SvfDatabase db) => SubmissionStore.Version(db);

    /// <summary>The submissions and the yearly reports with the feedback sent on them (the reporting status depends on both).</summary>
    public static string SubmissionsAndReports(SvfDatabase db) => SubmissionStore.Version(db) + "|" + RegionReportStore.Version(db);

    /// <summary>The reference data and indicator options a service was configured with (computed once per service).</summary>
    public static string Configuration(ReferenceDataSet reference, IndicatorOptions options) =>
        reference.ContentSha256() + "|" + Sha256(options.ToString());

    /// <summary>One year's rules, by the text they were read from.</summary>
    public static string Rules(AgreementRules rules) => rules.Year + ":" + Sha256(rules.SourceText ?? System.Text.Json.JsonSerializer.Serialize(rules));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
