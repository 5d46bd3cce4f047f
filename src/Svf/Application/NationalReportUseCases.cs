using Svf.Assessment;
using Svf.Indicators;
using Svf.NationalReport;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;

namespace Svf.Application;

/// <summary>
/// The report to the ministry as content (docs/national-report.md), for the caller: only national analysts build it (it reads every
/// region's data and own texts, and the payment assessment). Built from stored data by <see cref="NationalReportBuilder"/>, which
/// audits "national_report.built"; a refusal is audited as "national_report.denied". Rendering to PDF, workbook and HTML is
/// Svf.Reporting's (<c>NationalReportService.WriteAsync</c>).
/// </summary>
public sealed class NationalReportUseCases(SvfDatabase db, ReferenceDataSet reference, AgreementRulesCatalog rules, IndicatorOptions options, TimeProvider? clock = null)
{
    private readonly Scope _scope = new(db, reference);

    /// <summary>The report for <paramref name="year"/> under the configured rules.</summary>
    /// <exception cref="AccessDeniedException">Not a national analyst (audited as "national_report.denied").</exception>
    /// <exception cref="KeyNotFoundException">No rules for the year.</exception>
    public NationalReportDocument Build(Caller caller, int year, NationalReportKind kind, FailedSharePolicy? policy = null, bool forPublication = true)
    {
        _scope.CheckCaller(caller, "national_report");
        _scope.Demand(caller.CanRunAssessment, caller, "national_report", null, null, $"{caller.RoleText} får inte ta fram rapporten till Regeringskansliet.");
        var request = new NationalReportRequest(year, kind, rules.ForYear(year)) { Policy = policy, ForPublication = forPublication };
        return new NationalReportBuilder(db, reference, options, clock ?? TimeProvider.System).Build(request, caller.UserId);
    }
}
