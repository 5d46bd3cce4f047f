namespace Svf.Investments;

/// <summary>Column names of the RCC's special-investment report (docs/special-investments.md §2, docs/investment-report.schema.json).</summary>
public static class InvestmentColumns
{
    public const string FormatVersion = "1.0";
    public const string RowType = "row_type";
    public const string Area = "area";
    public const string Criteria = "criteria";
    public const string AmountPassedOn = "amount_passed_on";
    public const string ProjectId = "project_id";
    public const string ProjectName = "project_name";
    public const string ResponsibleUnit = "responsible_unit";
    public const string Regions = "regions";
    public const string Amount = "amount";
    public const string StartDate = "start_date";
    public const string EndDate = "end_date";
    public const string Aim = "aim";
    public const string Status = "status";
    public const string Results = "results";
    public const string AffectedSvf = "affected_svf";
    public const string GoodExample = "good_example";

    public const string AreaRow = "area";
    public const string ProjectRow = "project";

    public static readonly string[] Required = [RowType, Area];
    public static readonly string[] All =
    [
        RowType, Area, Criteria, AmountPassedOn, ProjectId, ProjectName, ResponsibleUnit, Regions, Amount, StartDate, EndDate,
        Aim, Status, Results, AffectedSvf, GoodExample,
    ];

    /// <summary>Project status codes: granted (beviljat, not started), ongoing, completed, cancelled.</summary>
    public static readonly string[] Statuses = ["granted", "ongoing", "completed", "cancelled"];
}

/// <summary>What an RCC reports for one area and year: how it chose, and how much it passed on.</summary>
public sealed record AreaReport(string Area, string Criteria, long AmountPassedOn);

/// <summary>One project granted special-investment money. Regions and affected SVF are codes.</summary>
public sealed record InvestmentProject
{
    public required int RowNo { get; init; }
    public required string ProjectId { get; init; }
    public required string Area { get; init; }
    public required string Name { get; init; }
    public required string ResponsibleUnit { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required long Amount { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public required string Aim { get; init; }
    public required string Status { get; init; }
    public string? Results { get; init; }
    public IReadOnlyList<string> AffectedSvf { get; init; } = [];
    public bool GoodExample { get; init; }
}

/// <summary>One RCC's report for one year, as stored (the current version unless asked for another).</summary>
public sealed record InvestmentReport(long ImportId, int VersionNumber, string RccCode, int Year, string FileName, DateTime ReceivedAtUtc,
    IReadOnlyList<AreaReport> Areas, IReadOnlyList<InvestmentProject> Projects);

/// <summary>Who is asking: Socialstyrelsen (RccCode null) sees every RCC; an RCC's user only its own records.
/// The platform's callers are mapped to it by <c>InvestmentUseCases</c> (the role rules live there).</summary>
public sealed record InvestmentActor(string Actor, string? RccCode)
{
    public static InvestmentActor National(string actor) => new(actor, null);

    public static InvestmentActor Rcc(string actor, string rccCode) => new(actor, rccCode);

    public bool CanSee(string rccCode) => RccCode is null || RccCode == rccCode;
}
