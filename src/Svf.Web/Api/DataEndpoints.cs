using System.Globalization;
using System.Text.Json;
using Svf.Application;
using Svf.Assessment;
using Svf.Domain;
using Svf.Output;
using Svf.Reports;
using Svf.Rules;
using Svf.Web.Auth;

namespace Svf.Web.Api;

/// <summary>Indicators, patient-level rows, early warning, yearly reports, reporting status and the assessment over the API.</summary>
public static class DataEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/regions/{code}/pathways", Pathways)
            .WithSummary("The region's current pseudonymised pathway rows (its own reporter; analysts with ?purpose=, audited). ?format=csv.");
        api.MapGet("/regions/{code}/early-warning", EarlyWarning)
            .WithSummary("Whether the region is on track for this year's conditions so far, from the data it has sent. ?as_of=2026-05-31.");
        api.MapGet("/regions/{code}/reports/{year:int}", ReportVersions)
            .WithSummary("Every saved version of the region's yearly report for the year, oldest first.");
        api.MapPut("/regions/{code}/reports/{year:int}", SaveReport).DisableAntiforgery()
            .WithSummary("Save the yearly report as a draft, or submit it with ?submit=true (the JSON of `svf report template`).");
        api.MapGet("/indicators", Indicators)
            .WithSummary("Indicator rows: ?period_kind=month|quarter|halfyear|year&within=2025&level=nation|rcc|region&unit=01&svf=BROST&sex=K&publication=true. ?format=csv.");
        api.MapGet("/reporting-status/{year:int}", ReportingStatus)
            .WithSummary("Reporting status of the regions the caller may see. ?format=csv.");
        api.MapGet("/assessments/{year:int}", Assessment)
            .WithSummary("The assessment as it stands (analysts, ministry). ?policy=redistribute|withhold.");
        api.MapGet("/assessments/{year:int}/{table:regex(^(conditions|allocation|deviations|conclusions)$)}", AssessmentTable)
            .WithSummary("One table of the assessment. ?format=csv.");
        api.MapPost("/assessments/{year:int}/run", RunAssessment).DisableAntiforgery()
            .WithSummary("Run the assessment money is decided on (analysts; audited with its fingerprint).");
        api.MapPost("/assessments/{year:int}/lock", (int year, HttpContext ctx, AssessmentUseCases assessments, string? policy) =>
            {
                var locked = assessments.Lock(ctx.Caller(), year, Policy(policy));
                return Results.Json(new { locked.Id, locked.Record.Year, locked.Record.LockedAtUtc, locked.Record.LockedBy, locked.Record.Policy, locked.RecordSha256 }, ApiJson.Options);
            }).DisableAntiforgery()
            .WithSummary("Lock the assessment as the year's payment decision (analysts; once per year).");
        api.MapPost("/assessments/{year:int}/what-if", WhatIf).DisableAntiforgery()
            .WithSummary("The assessment under another threshold, policy or population date, side by side with the current one.");
    }

    public static IResult Pathways(string code, HttpContext ctx, PathwayUseCases pathways, string? purpose, string? format) =>
        Downloads.Table(pathways.CurrentPathways(ctx.Caller(), code, purpose), format, $"forlopp-{code}");

    public static IResult EarlyWarning(string code, HttpContext ctx, EarlyWarningUseCases warnings, string? as_of)
    {
        DateOnly? asOf = as_of is null ? null : DateArgument(as_of);
        return Results.Json(warnings.ForRegion(ctx.Caller(), code, asOf), ApiJson.Options);
    }

    public static IResult ReportVersions(string code, int year, HttpContext ctx, YearlyReportUseCases reports) =>
        Results.Json(reports.Versions(ctx.Caller(), year, code), ApiJson.Options);

    public static async Task<IResult> SaveReport(string code, int year, HttpContext ctx, YearlyReportUseCases reports, bool? submit)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var report = RegionReport.FromJson(await reader.ReadToEndAsync(ctx.RequestAborted));
        if (report.Region != code || report.Year != year)
        {
            throw new ArgumentException($"Redovisningen gäller region {report.Region} och år {report.Year}, men adressen region {code} och år {year}.");
        }
        var caller = ctx.Caller();
        var stored = submit == true ? reports.Submit(caller, report) : reports.SaveDraft(caller, report);
        return Results.Json(new { stored.Id, stored.Year, stored.RegionCode, stored.VersionNumber, stored.Status, stored.SavedAtUtc }, ApiJson.Options);
    }

    public static IResult Indicators(HttpContext ctx, IndicatorUseCases indicators, string? period_kind, string? within, string? level, string? unit,
        string? svf, string? sex, bool? publication, string? format)
    {
        var rows = indicators.Query(ctx.Caller(), IndicatorRequestFrom(period_kind, within, level, unit, svf, sex, publication ?? false));
        return Downloads.Table(rows, format, "indikatorer");
    }

    public static IndicatorRequest IndicatorRequestFrom(string? periodKind, string? within, string? level, string? unit, string? svf, string? sex, bool publication)
    {
        var kind = (periodKind ?? "year").ToLowerInvariant() switch
        {
            "month" or "manad" => PeriodKind.Month,
            "quarter" or "kvartal" => PeriodKind.Quarter,
            "halfyear" or "halvar" => PeriodKind.HalfYear,
            "year" or "ar" => PeriodKind.Year,
            _ => throw new ArgumentException($"Okänd periodtyp '{periodKind}': använd month, quarter, halfyear eller year."),
        };
        ReportingPeriod? w = null;
        if (!string.IsNullOrWhiteSpace(within))
        {
            w = ReportingPeriod.TryParse(within, out var p) ? p : throw new ArgumentException($"'{within}' är ingen period (t.ex. 2025 eller 2025-H1).");
        }
        return new IndicatorRequest(kind, w)
        {
            Level = string.IsNullOrWhiteSpace(level) ? null : level,
            UnitCode = string.IsNullOrWhiteSpace(unit) ? null : unit,
            Svf = string.IsNullOrWhiteSpace(svf) ? null : svf,
            Sex = string.IsNullOrWhiteSpace(sex) ? null : sex,
            ForPublication = publication,
        };
    }

    public static IResult ReportingStatus(int year, HttpContext ctx, ReportingStatusOverview overview, string? format) =>
        Downloads.Table(overview.Regions(ctx.Caller(), year), format, $"rapporteringsstatus-{year}");

    public static IResult Assessment(int year, HttpContext ctx, AssessmentUseCases assessments, string? policy) =>
        Results.Json(Summary(assessments.Current(ctx.Caller(), year, Policy(policy))), ApiJson.Options);

    public static IResult AssessmentTable(int year, string table, HttpContext ctx, AssessmentUseCases assessments, string? policy, string? format)
    {
        var run = assessments.Current(ctx.Caller(), year, Policy(policy));
        var stem = $"bedomning-{year}-{table}";
        return table switch
        {
            "conditions" => Downloads.Table(run.Assessment.Conditions, format, stem),
            "allocation" => Downloads.Table(run.Allocation?.Rows ?? [], format, stem),
            "deviations" => Downloads.Table(run.Deviations, format, stem),
            _ => Downloads.Table(run.Conclusions, format, stem),
        };
    }

    public static IResult RunAssessment(int year, HttpContext ctx, AssessmentUseCases assessments, string? policy) =>
        Results.Json(Summary(assessments.Run(ctx.Caller(), year, Policy(policy))), ApiJson.Options);

    public sealed record WhatIfRequest(decimal? InclusionThreshold, decimal? LeadTimeThreshold, string? Policy, string? PopulationReferenceDate);

    public static async Task<IResult> WhatIf(int year, HttpContext ctx, AssessmentUseCases assessments)
    {
        var request = await JsonSerializer.DeserializeAsync<WhatIfRequest>(ctx.Request.Body, ApiJson.Options, ctx.RequestAborted) ?? new WhatIfRequest(null, null, null, null);
        var result = assessments.WhatIf(ctx.Caller(), year, Scenario(request));
        return Results.Json(new
        {
            result.Year,
            Scenario = result.Scenario.Describe(),
            CurrentFingerprint = result.Current.Fingerprint,
            ScenarioFingerprint = result.Alternative.Fingerprint,
            ChangedOutcomes = result.ChangedOutcomes.Select(c => new { c.RegionCode, c.ConditionId, c.Current, c.Scenario }),
            result.Rows,
        }, ApiJson.Options);
    }

    public static WhatIfScenario Scenario(WhatIfRequest r) => new()
    {
        InclusionThreshold = r.InclusionThreshold,
        LeadTimeThreshold = r.LeadTimeThreshold,
        Policy = Policy(r.Policy),
        PopulationReferenceDate = string.IsNullOrWhiteSpace(r.PopulationReferenceDate) ? null : DateArgument(r.PopulationReferenceDate),
    };

    /// <summary>A date given in a request (query or body): ISO, or a 400 saying how to write it.</summary>
    private static DateOnly DateArgument(string text) =>
        IsoDate.TryParse(text, out var d) ? d : throw new ArgumentException($"'{text}' är inget datum: skriv ÅÅÅÅ-MM-DD.");

    public static FailedSharePolicy? Policy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.ToLowerInvariant() switch
    {
        "redistribute" or "omfordela" => FailedSharePolicy.Redistribute,
        "withhold" or "innehall" => FailedSharePolicy.Withhold,
        _ => throw new ArgumentException($"Okänd policy '{text}': använd redistribute eller withhold."),
    };

    private static object Summary(Svf.Assessment.AssessmentRun run) => new
    {
        run.Rules.Year,
        run.Policy,
        run.Fingerprint,
        run.Caveats,
        Conditions = run.Assessment.Conditions,
        Decisions = run.Assessment.Decisions,
        Allocation = run.Allocation?.Rows,
        AllocationSubtotals = run.Allocation?.Subtotals,
        run.AllocationUnavailable,
        run.Deviations,
        run.Conclusions,
    };

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
