using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Svf.Analysis;
using Svf.Assessment;
using Svf.Domain;
using Svf.Indicators;
using Svf.Investments;
using Svf.Output;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Storage;

namespace Svf.NationalReport;

/// <summary>What to build: the year, interim or final, the year's rules and the choices an analyst may make.</summary>
public sealed record NationalReportRequest(int Year, NationalReportKind Kind, AgreementRules Rules)
{
    /// <summary>A failing region's share (default: the rules file's).</summary>
    public FailedSharePolicy? Policy { get; init; }

    /// <summary>The report to the ministry is published: small cells are suppressed. False only for internal working copies.</summary>
    public bool ForPublication { get; init; } = true;

    /// <summary>Standard of the sex comparison: SVF where each sex is at least this share of the nation's patients.</summary>
    public double StandardMinMinorityShare { get; init; } = 0.10;

    /// <summary>A stratum of the standard is used in a unit only where both sexes have at least this many patients there.</summary>
    public int StandardMinStratum { get; init; } = 5;
}

/// <summary>Every figure the report shows, computed from stored data by the existing services and the analyses.</summary>
public sealed record NationalReportData
{
    public required NationalReportRequest Request { get; init; }
    public required ReportingPeriod Period { get; init; }
    public required IReadOnlyList<IndicatorRow> YearRows { get; init; }
    public required IReadOnlyList<IndicatorRow> TrendRows { get; init; }
    public required AssessmentResult Assessment { get; init; }
    /// <summary>The year's locked payment decision, when there is one: the payment section shows it rather than a new run.</summary>
    public required LockedDecision? Locked { get; init; }
    public required Allocator.Result? Allocation { get; init; }
    public required string? AllocationProblem { get; init; }
    public required FailedSharePolicy Policy { get; init; }
    public required IReadOnlyList<DeviationRow> Deviations { get; init; }
    public required IReadOnlyList<ConclusionRow> Conclusions { get; init; }
    public required IReadOnlyList<ReportFeedbackLetter> Letters { get; init; }
    public required IReadOnlyDictionary<string, RegionReport> LatestReports { get; init; }
    public required IReadOnlyList<SegmentSplitRow> Segments { get; init; }
    public required IReadOnlyList<SexDifferenceRow> SexDifferences { get; init; }
    /// <summary>The regions' stated obstacles grouped per SVF next to the SVF's figures.</summary>
    public IReadOnlyList<ObstacleGroupRow> Obstacles { get; init; } = [];
    /// <summary>Treated patients with a limit per sex and lead-time bucket (lead time as a share of the limit).</summary>
    public required IReadOnlyList<(string Bucket, long Women, long Men)> Distribution { get; init; }
    public required ReportProvenance Provenance { get; init; }
    /// <summary>The special investments' lägesbild (Svf.Investments), or null when the year has no allocation of them.</summary>
    public Lagesbild? Lagesbild { get; init; }
    /// <summary>The projects' effect on lead times (final report only).</summary>
    public IReadOnlyList<LeadTimeEffectRow> Effect { get; init; } = [];

    public IndicatorRow? Row(string level, string unit, string svf, string sex) =>
        YearRows.FirstOrDefault(r => r.Level == level && r.UnitCode == unit && r.Svf == svf && r.Sex == sex);
}

/// <summary>
/// Builds the national report to the ministry from stored data only: the indicator engine, the payment assessment,
/// allocation, deviations, the follow-up of the regions' reports, and the lead-time analyses (src/Svf/Analysis).
/// Rendering (HTML, PDF, workbook, charts) is Svf.Reporting's.
/// </summary>
public sealed class NationalReportBuilder(SvfDatabase db, ReferenceDataSet reference, IndicatorOptions options, TimeProvider clock)
{
    public NationalReportDocument Build(NationalReportRequest request, string actor)
    {
        var data = Collect(request, actor);
        var document = NationalReportComposer.Compose(data, reference, options, SwedishTime.Date(clock.GetUtcNow().UtcDateTime));
        AuditLog.Write(db, actor, "national_report.built", null, null,
            $"year {request.Year}, {request.Kind.ToString().ToLowerInvariant()}, publication {request.ForPublication}, policy {data.Policy}, " +
            $"{data.Provenance.Submissions.Count} submissions, figures fingerprint {document.FiguresFingerprint[..16]}");
        return document;
    }

    public NationalReportData Collect(NationalReportRequest request, string actor)
    {
        if (request.Rules.Year != request.Year)
        {
            throw new ArgumentException($"The rules are for {request.Rules.Year}, the report for {request.Year}.", nameof(request));
        }
        var period = new ReportingPeriod(PeriodKind.Year, request.Year, 1);
        var engine = new IndicatorEngine(reference, options);
        var monthly = engine.Aggregate(IndicatorSource.Pathways(db), IndicatorSource.NewCases(db));
        var yearRows = engine.Compute(monthly, new IndicatorQuery(PeriodKind.Year, period, request.ForPublication))
            .Where(r => r.Period == period.ToString()).ToList();
        var trend = engine.Compute(monthly, new IndicatorQuery(PeriodKind.Quarter, null, request.ForPublication))
            .Where(r => r.Level == "nation" && r.Svf == IndicatorEngine.AllSvf && ReportingPeriod.Parse(r.Period).Start <= period.End)
            .ToList();

        // A locked decision is what the ministry decides on: the report shows it as locked, not a new run on later data.
        var locked = new DecisionService(db, clock, options).Get(request.Year, actor);
        var run = locked is not null
            ? locked.Record.ToRun(DecisionService.InputsOf(locked).Rules)
            : AssessmentRun.Execute(db, request.Rules, reference, options, request.Policy ?? request.Rules.DefaultFailedSharePolicy);
        var latest = ObstacleGrouping.LatestSubmitted(db, request.Year);
        var minCell = request.ForPublication ? options.MinPublishedCellSize : 0;
        var (lagesbild, effect) = Investments(request, actor);
        var treated = TreatedPathwaySource.Read(db, period);
        var segments = SegmentSplit.Compute(treated, engine, reference, period.ToString(), minCell);

        return new NationalReportData
        {
            Request = request,
            Period = period,
            YearRows = yearRows,
            TrendRows = trend,
            Assessment = run.Assessment,
            Locked = locked,
            Allocation = run.Allocation,
            AllocationProblem = run.AllocationUnavailable,
            Policy = run.Policy,
            Deviations = run.Deviations,
            Conclusions = run.Conclusions,
            Letters = new ReportFollowUp(db, reference).Letters(request.Rules, run.Assessment.ComputedInclusion),
            LatestReports = latest,
            Segments = segments,
            SexDifferences = SexStandardisation.Compute(treated, engine, reference, period.ToString(), request.StandardMinMinorityShare, request.StandardMinStratum, minCell),
            Obstacles = ObstacleGrouping.Compute(request.Year, latest, yearRows, segments, reference),
            Distribution = Distribution(treated, engine),
            Provenance = Provenance(request, run.Policy, locked),
            Lagesbild = lagesbild,
            Effect = effect,
        };
    }

    /// <summary>The lägesbild of the special investments from the RCC's stored reports (audited by the investment service).</summary>
    private (Lagesbild?, IReadOnlyList<LeadTimeEffectRow>) Investments(NationalReportRequest request, string actor)
    {
        var catalog = AgreementRulesCatalog.Load(reference);
        AllocationCatalog allocations;
        try
        {
            allocations = AllocationCatalog.Load(reference, catalog);
            allocations.ForYear(request.Year);
        }
        catch (KeyNotFoundException)
        {
            return (null, []);
        }
        var service = new InvestmentService(db, reference, catalog, allocations, clock);
        var national = InvestmentActor.National(actor);
        var lagesbild = service.Lagesbild(national, request.Year);
        var effect = request.Kind == NationalReportKind.Final && lagesbild.Projects.Count > 0 ? service.Effect(national, request.Year, options) : [];
        return (lagesbild, effect);
    }

    /// <summary>Lead time as a share of the limit, in buckets of 25 % up to twice the limit.</summary>
    internal static readonly string[] Buckets = ["0–25 %", "26–50 %", "51–75 %", "76–100 %", "101–125 %", "126–150 %", "151–175 %", "176–200 %", "> 200 %"];

    /// <summary>The bucket of a lead time against its limit: exact in integers, so "within" (bucket ≤ 3) equals days ≤ limit.</summary>
    internal static int BucketOf(int days, int limit)
    {
        if (limit <= 0)
        {
            return days <= 0 ? 0 : Buckets.Length - 1;
        }
        // Smallest k with days ≤ k/4 × limit, i.e. 4 × days ≤ k × limit; bucket k - 1 (k = 0 counts as the first).
        for (var k = 1; k <= 8; k++)
        {
            if (4L * days <= (long)k * limit)
            {
                return k - 1;
            }
        }
        return 8;
    }

    private static List<(string, long, long)> Distribution(IEnumerable<TreatedPathway> treated, IndicatorEngine engine)
    {
        var women = new long[Buckets.Length];
        var men = new long[Buckets.Length];
        foreach (var p in treated)
        {
            var limit = engine.LimitOf(p.AsFact(), p.TreatmentStartDate);
            if (limit.Status == LimitStatus.NotDefined)
            {
                continue;
            }
            (p.Sex == Sex.Female ? women : men)[BucketOf(p.LeadTimeDays, limit.Days)]++;
        }
        return Buckets.Select((b, i) => (b, women[i], men[i])).ToList();
    }

    private ReportProvenance Provenance(NationalReportRequest request, FailedSharePolicy policy, LockedDecision? locked)
    {
        var submissions = SubmissionStore.History(db).Where(s => s.IsCurrent).OrderBy(s => s.RegionCode, StringComparer.Ordinal).ThenBy(s => s.Kind, StringComparer.Ordinal)
            .ThenBy(s => s.Period, StringComparer.Ordinal).ThenBy(s => s.Id)
            .Select(s => new SubmissionReference(s.Id, s.RegionCode, s.Kind, s.Period, s.VersionNumber, s.FileName, s.ContentSha256, s.ReceivedAtUtc, s.WarningCount)).ToList();
        var rules = Sha(JsonSerializer.Serialize(request.Rules, TableExport.JsonOptions));
        var referenceText = new StringBuilder();
        foreach (var r in reference.Regions)
        {
            referenceText.Append(r.Code).Append('|').Append(r.Name).Append('|').Append(r.RccCode);
            foreach (var (date, pop) in r.Populations.OrderBy(p => p.Key))
            {
                referenceText.Append('|').Append(IsoDate.ToText(date)).Append('=').Append(pop);
            }
            referenceText.Append('\n');
        }
        foreach (var s in reference.Svfs)
        {
            referenceText.Append(s.Code).Append('|').Append(s.NameSv).Append('|').Append(s.YearIntroduced).Append('|').Append(s.IcdText).Append('\n');
        }
        referenceText.Append(JsonSerializer.Serialize(reference.Limits.All, TableExport.JsonOptions));
        referenceText.Append(JsonSerializer.Serialize(reference.TreatmentTypes, TableExport.JsonOptions));
        var sv = SwedishFormat.Culture;
        var parameters = new List<(string, string)>
        {
            ("Rapportperiod", new ReportingPeriod(PeriodKind.Year, request.Year, 1).ToString()),
            ("Inklusionsmål", SwedishFormat.Percent((double)options.InclusionGoal, 0)),
            ("Ledtidsmål (andel inom ledtid)", SwedishFormat.Percent((double)options.LeadTimeGoal, 0)),
            ("Inklusionens täljare", options.InclusionNumerator == InclusionNumerator.CancerConfirmed ? "förlopp avslutade med cancer bekräftad" : "förlopp avslutade med start av behandling"),
            ("Årsvärden för nya fall i kortare perioder", options.ProrateNewCases ? "fördelas per månad" : "används inte"),
            ("Ledtidsversion väljs efter", options.LimitDateBasis == LimitDateBasis.TreatmentStart ? "datum för start av behandling" : "datum för välgrundad misstanke"),
            ("Kända ersatta ledtider", options.SupersededLimits == SupersededLimitPolicy.UseAndFlag ? "används och flaggas" : "används inte"),
            ("Konfidensnivå", (2 * NormalCdf(options.ConfidenceZ) - 1).ToString("P0", sv)),
            ("Publiceringsregel", request.ForPublication ? $"antal 1–{options.MinPublishedCellSize - 1} och andelar av färre än {options.MinPublishedCellSize} visas inte" : "ingen (internt arbetsmaterial, ej för publicering)"),
            ("Andel som inte betalas ut", policy == FailedSharePolicy.Redistribute ? "omfördelas till övriga regioner efter folkmängd" : "hålls inne"),
            ("Standard för jämförelsen kvinnor–män", $"rikets SVF-fördelning, båda könen; SVF där vardera kön är minst {request.StandardMinMinorityShare.ToString("P0", sv)} av patienterna"),
            ("Minsta antal per kön och SVF i standardiseringen", request.StandardMinStratum.ToString(sv)),
            ("Fördjupningsgräns (över ledtiden med mer än)", ((double)request.Rules.DeepDiveThreshold).ToString("P0", sv)),
            ("Beslut om andra utbetalningen", locked is null
                ? "inte låst: villkor, fördelning och avvikelser är beräknade ur gällande data när rapporten framställdes"
                : $"låst {IsoDate.ToText(SwedishTime.Date(locked.Record.LockedAtUtc))} av {locked.Record.LockedBy} (beslut {locked.Id}, resultatets fingeravtryck {locked.Record.ResultFingerprint}); villkor, fördelning och avvikelser visas som de låstes"),
        };
        return new ReportProvenance(submissions, request.Rules.Source, rules, Sha(referenceText.ToString()), parameters);
    }

    internal static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Standard normal distribution function (Abramowitz–Stegun 7.1.26 via erf), for naming the confidence level.</summary>
    private static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
