using Microsoft.AspNetCore.Mvc;
using Svf.Application;
using Svf.Domain;
using Svf.Ingestion;
using Svf.Output;
using Svf.Storage;
using Svf.Web.Auth;

namespace Svf.Web.Api;

/// <summary>A region's files over the API: send one (the CSV as the request body), its history, a feedback report, a withdrawal.</summary>
public static class SubmissionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/regions/{code}/submissions", History)
            .WithSummary("The region's submission history, newest first (accepted, superseded, rejected, withdrawn).");
        api.MapPost("/regions/{code}/submissions", Submit)
            .RequireRateLimiting(PortalSetup.UploadLimit)
            .DisableAntiforgery()
            .Accepts<string>("text/csv")
            .WithSummary("Send a file: the CSV as the body; ?kind=pathways|new_cases&period=2025 (or 2025-H1, 2025-Q3, 2025-03). Returns the feedback report.");
        api.MapGet("/submissions/{id:long}/feedback", Feedback)
            .WithSummary("The feedback report of one submission; ?format=csv gives its issues as CSV.");
        api.MapPost("/submissions/{id:long}/withdraw", Withdraw)
            .DisableAntiforgery()
            .WithSummary("Withdraw a current submission without a replacement; body {\"reason\": \"...\"}.");
    }

    public static IResult History(string code, HttpContext ctx, SubmissionUseCases submissions, string? format = null)
    {
        var rows = submissions.History(ctx.Caller(), code);
        return Downloads.Table(rows, format, $"inrapporteringar-{code}");
    }

    public static async Task<IResult> Submit(string code, HttpContext ctx, SubmissionUseCases submissions, string? kind, string? period, string? fileName)
    {
        if (!ReportingPeriod.TryParse(period, out var p))
        {
            return ApiError(400, $"Ange perioden som ?period=2025 (eller 2025-H1, 2025-Q3, 2025-03); '{period}' är ingen period.");
        }
        if (string.IsNullOrWhiteSpace(kind))
        {
            return ApiError(400, $"Ange typen som ?kind={SubmissionKind.Pathways} eller ?kind={SubmissionKind.NewCases}.");
        }
        var name = string.IsNullOrWhiteSpace(fileName) ? $"{kind}-{code}-{p}.csv" : fileName;
        var report = await submissions.SubmitAsync(ctx.Caller(), kind, code, p, ctx.Request.Body, name, ctx.RequestAborted);
        // 200 whatever the outcome: the receipt worked; the report's status says accepted or rejected.
        return Results.Json(report, FeedbackJson);
    }

    public static IResult Feedback(long id, HttpContext ctx, SubmissionUseCases submissions, string? format = null)
    {
        var report = submissions.Feedback(ctx.Caller(), id);
        if (report is null)
        {
            return ApiError(404, $"Inrapportering {id} finns inte.");
        }
        return format is "csv"
            ? Downloads.Table(FeedbackIssueRow.From(report), "csv", $"aterkoppling-{id}")
            : Results.Json(report, FeedbackJson);
    }

    public sealed record WithdrawRequest(string? Reason);

    public static IResult Withdraw(long id, [FromBody] WithdrawRequest? request, HttpContext ctx, SubmissionUseCases submissions)
    {
        var info = submissions.Withdraw(ctx.Caller(), id, request?.Reason ?? "");
        return Results.Json(info, ApiJson.Options);
    }

    /// <summary>The feedback report as it is stored and documented (docs/submission-format.md): snake_case, every field present.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions FeedbackJson = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult ApiError(int status, string message) =>
        Results.Json(new { error = status == 404 ? "not_found" : "bad_request", message }, statusCode: status);
}

/// <summary>One issue of a feedback report as a table row (the downloadable full list): file, severity, code, row, field, message.</summary>
public sealed record FeedbackIssueRow(long? SubmissionId, string FileName, string Severity, string Code, int Row, string? Field, string Message)
{
    public static IEnumerable<FeedbackIssueRow> From(FeedbackReport r) =>
        r.Issues.Select(i => new FeedbackIssueRow(r.SubmissionId, r.FileName, i.Severity == IssueSeverity.Error ? "error" : "warning", i.Code, i.Row, i.Field, i.Message));
}
