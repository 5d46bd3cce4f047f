using FsCheck.Xunit;
using Svf.Domain;
using Svf.Indicators;
using Svf.ReferenceData;

namespace Svf.Tests.Indicators;

public class OrderIndependenceTests
{
    private static readonly PathwayFact[] Facts = MakeFacts();

    private static PathwayFact[] MakeFacts()
    {
        var rng = new Random(7);
        var svfs = new[] { "BROST", "PROSTATA", "LUNG", "TJOCK_ANDTARM", "OSPECIFIKA" };
        var treatments = new[] { "surgery", "drug_therapy", "radiotherapy", "palliative_symptomatic", "expectancy", "no_further_action" };
        var regions = ReferenceDataSet.Embedded.Regions.Select(r => r.Code).ToArray();
        return Enumerable.Range(0, 2000).Select(_ =>
        {
            var start = new DateOnly(2025, 1, 1).AddDays(rng.Next(365));
            var treated = rng.NextDouble() < 0.4;
            return new PathwayFact(regions[rng.Next(regions.Length)], svfs[rng.Next(svfs.Length)], rng.Next(2) == 0 ? Sex.Male : Sex.Female, start,
                treated ? start.AddDays(rng.Next(5, 90)) : null, treated ? treatments[rng.Next(treatments.Length)] : null,
                treated ? null : start.AddDays(rng.Next(1, 30)),
                treated ? PathwayOutcome.CancerConfirmed : PathwayOutcome.CancerNotConfirmed);
        }).ToArray();
    }

    // Whole numbers, so that sums of the (prorated) figures are exact in any order.
    private static readonly NewCasesFact[] NewCases = ReferenceDataSet.Embedded.Regions
        .SelectMany(r => new[] { "BROST", "PROSTATA", "LUNG" }.Select(s => new NewCasesFact(r.Code, s, ReportingPeriod.Parse("2025-H1"), null, 24)))
        .ToArray();

    [Property(MaxTest = 20)]
    public bool Indicators_do_not_depend_on_row_order(int seed)
    {
        var engine = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions());
        var query = new IndicatorQuery(PeriodKind.Quarter);
        var expected = engine.Compute(Facts, NewCases, query);
        var shuffled = Facts.ToArray();
        var shuffledCases = NewCases.ToArray();
        var rng = new Random(seed);
        rng.Shuffle(shuffled);
        rng.Shuffle(shuffledCases);
        var actual = engine.Compute(shuffled, shuffledCases, query);
        return expected.Count > 0 && expected.Any(r => r.InclusionRate is not null) && expected.SequenceEqual(actual);
    }
}
