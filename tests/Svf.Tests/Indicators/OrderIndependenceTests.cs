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
        var regions = ReferenceDataSet.Embedded.Regions.Select(r => r.Code).ToArray();
        return Enumerable.Range(0, 2000).Select(_ =>
        {
            var start = new DateOnly(2025, 1, 1).AddDays(rng.Next(365));
            var treated = rng.NextDouble() < 0.4;
            return new PathwayFact(regions[rng.Next(regions.Length)], svfs[rng.Next(svfs.Length)], rng.Next(2) == 0 ? Sex.Male : Sex.Female, start,
                treated ? start.AddDays(rng.Next(5, 90)) : null, treated ? "surgery" : null, treated ? null : start.AddDays(rng.Next(1, 30)),
                treated ? PathwayOutcome.CancerConfirmed : PathwayOutcome.CancerNotConfirmed);
        }).ToArray();
    }

    [Property(MaxTest = 20)]
    public bool Indicators_do_not_depend_on_row_order(int seed)
    {
        var engine = new IndicatorEngine(ReferenceDataSet.Embedded, new IndicatorOptions());
        var query = new IndicatorQuery(PeriodKind.Quarter);
        var expected = engine.Compute(Facts, [], query);
        var shuffled = Facts.ToArray();
        new Random(seed).Shuffle(shuffled);
        var actual = engine.Compute(shuffled, [], query);
        return expected.SequenceEqual(actual);
    }
}
