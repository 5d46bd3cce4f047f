using System.Globalization;
using System.Text;
using Svf.Domain;
using Svf.Ingestion;
using Svf.ReferenceData;

namespace Svf.Generation;

/// <summary>
/// Writes a realistic national data set as the regions would send it: one pathway file and one new-cases file per
/// region, in the documented submission format. Deterministic for a given seed.
/// </summary>
public sealed class SyntheticDataGenerator(ReferenceDataSet reference, GeneratorSettings settings)
{
    private static readonly string[] GenericTreatments = ["surgery", "drug_therapy", "radiotherapy", "palliative_symptomatic", "expectancy"];

    /// <param name="PreviousQuarterFile">Pathways started in the last quarter of the year before, so that pathways ending early in the
    /// year exist as they do in real data (otherwise January would look like a month with few completions).</param>
    public sealed record RegionFiles(string RegionCode, string PathwayFile, string NewCasesFile, string PreviousQuarterFile, int Pathways);

    public ReportingPeriod PreviousQuarter => new(PeriodKind.Quarter, settings.Year - 1, 4);

    /// <summary>Generates all 21 regions' files into <paramref name="directory"/>.</summary>
    public IReadOnlyList<RegionFiles> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var population = reference.Regions.ToDictionary(r => r.Code, r => r.PopulationAt(settings.PopulationDate)
            ?? throw new InvalidOperationException($"No population for region {r.Code} at {Svf.Output.IsoDate.ToText(settings.PopulationDate)}."));
        var total = population.Values.Sum();
        var result = new List<RegionFiles>();
        foreach (var region in reference.Regions)
        {
            var n = (int)Math.Round(settings.PathwaysPerYear * (double)population[region.Code] / total);
            var pathwayFile = Path.Combine(directory, $"pathways-{region.Code}-{settings.Year}.csv");
            var newCasesFile = Path.Combine(directory, $"new-cases-{region.Code}-{settings.Year}.csv");
            var previousFile = Path.Combine(directory, $"pathways-{region.Code}-{PreviousQuarter}.csv");
            var yearStart = new DateOnly(settings.Year, 1, 1);
            var confirmed = WritePathways(region.Code, n, pathwayFile, yearStart, yearStart.AddYears(1));
            WritePathways(region.Code, n / 4, previousFile, PreviousQuarter.Start, yearStart);
            WriteNewCases(region.Code, confirmed, newCasesFile);
            result.Add(new RegionFiles(region.Code, pathwayFile, newCasesFile, previousFile, n));
        }
        return result;
    }

    /// <summary>Writes one region's pathways started in [from, to); returns the number of confirmed cancers per SVF (for the denominators).</summary>
    public Dictionary<string, int> WritePathways(string regionCode, int count, string path, DateOnly from, DateOnly to)
    {
        var rng = new Random(StableSeed(settings.Seed, from.DayNumber, int.Parse(regionCode, CultureInfo.InvariantCulture)));
        var svfs = reference.Svfs.Where(s => SvfProfile.All.ContainsKey(s.Code)).Select(s => SvfProfile.All[s.Code]).ToArray();
        var weights = svfs.Select(s => s.Weight).ToArray();
        var totalWeight = weights.Sum();
        // Each region has its own pace: most treat about half their patients within the limit, a few are slower.
        var regionPace = (0.95 + 0.25 * rng.NextDouble()) * (settings.FastRegions.Contains(regionCode) ? 0.6 : 1.0);
        var confirmed = new Dictionary<string, int>(StringComparer.Ordinal);
        var window = to.DayNumber - from.DayNumber;
        if (settings.Until is { } last && to > last.AddDays(1))
        {
            // A year not yet over: as many pathways a day as in a full year, up to the last day with data.
            var shortened = Math.Max(0, last.AddDays(1).DayNumber - from.DayNumber);
            count = window == 0 ? 0 : (int)((long)count * shortened / window);
            window = shortened;
        }

        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.WriteLine(string.Join(';', SubmissionColumns.PathwayAll));
        var usedPins = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var svf = Pick(svfs, weights, totalWeight, rng);
            var sex = rng.NextDouble() < svf.MaleShare ? Sex.Male : Sex.Female;
            var start = from.AddDays(rng.Next(window));
            string pin;
            do
            {
                pin = RandomPin(rng, start, sex);
            }
            while (!usedPins.Add(pin));

            string firstVisit = "", decision = "", treatmentStart = "", treatmentType = "", end = "", outcome, icd = "";
            var visit = start.AddDays(1 + rng.Next(10));
            if (rng.NextDouble() < svf.CancerShare)
            {
                outcome = PathwayOutcome.CancerConfirmed.Code();
                icd = svf.Code == "TJOCK_ANDTARM" && rng.NextDouble() < 0.35 ? "C20.9" : svf.FallbackIcd;
                confirmed[svf.Code] = confirmed.GetValueOrDefault(svf.Code) + 1;
                var (type, limit) = PickTreatment(svf.Code, rng);
                var factor = Math.Exp(Normal(rng) * 0.33) * regionPace;
                var days = Math.Max(1, (int)Math.Round(limit * factor));
                var treat = start.AddDays(days);
                var dec = start.AddDays(Math.Max(0, days - 3 - rng.Next(10)));
                if (visit > dec)
                {
                    visit = dec;
                }
                firstVisit = Iso(visit);
                decision = Iso(dec);
                treatmentStart = Iso(treat);
                treatmentType = type;
            }
            else
            {
                outcome = rng.NextDouble() < 0.85 ? PathwayOutcome.CancerNotConfirmed.Code() : PathwayOutcome.Other.Code();
                firstVisit = Iso(visit);
                end = Iso(visit.AddDays(rng.Next(2, 35)));
            }
            if (settings.Until is { } until)
            {
                // What is known on the last day with data: later events have not happened yet, so the pathway is ongoing.
                static string Known(string date, DateOnly until) => date.Length > 0 && Svf.Output.IsoDate.Parse(date) > until ? "" : date;
                if ((treatmentStart.Length > 0 && Known(treatmentStart, until).Length == 0) || (end.Length > 0 && Known(end, until).Length == 0))
                {
                    (treatmentStart, treatmentType, end, outcome, icd) = ("", "", "", "", "");
                }
                firstVisit = Known(firstVisit, until);
                decision = Known(decision, until);
            }
            w.Write(regionCode); w.Write(';');
            w.Write(pin); w.Write(';');
            w.Write(sex.Code()); w.Write(';');
            w.Write(';'); // birth_year left empty: derived from the personal number
            w.Write(svf.Code); w.Write(';');
            w.Write(Iso(start)); w.Write(';');
            w.Write(firstVisit); w.Write(';');
            w.Write(decision); w.Write(';');
            w.Write(treatmentStart); w.Write(';');
            w.Write(treatmentType); w.Write(';');
            w.Write(end); w.Write(';');
            w.Write(outcome); w.Write(';');
            w.WriteLine(icd);
        }
        return confirmed;
    }

    /// <summary>New cancer cases per SVF: confirmed pathways divided by the region's inclusion level, with a decimal comma as Excel writes it.</summary>
    public void WriteNewCases(string regionCode, IReadOnlyDictionary<string, int> confirmed, string path)
    {
        var rng = new Random(StableSeed(settings.Seed, 7, int.Parse(regionCode, CultureInfo.InvariantCulture)));
        var level = settings.LowInclusionRegions.Contains(regionCode) ? 0.64 : 0.78 + 0.12 * rng.NextDouble();
        var sv = Svf.Output.SwedishFormat.Culture;
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.WriteLine(string.Join(';', SubmissionColumns.NewCasesAll));
        foreach (var svf in reference.Svfs.Where(s => s.HasIcdList))
        {
            var n = confirmed.GetValueOrDefault(svf.Code) / level * (0.95 + 0.1 * rng.NextDouble());
            w.WriteLine($"{regionCode};{svf.Code};{settings.Year};;{Math.Round(n, 1).ToString("0.0", sv)}"); // sex empty: both sexes
        }
    }

    private (string Type, int Limit) PickTreatment(string svf, Random rng)
    {
        var date = new DateOnly(settings.Year, 7, 1);
        var endpoints = reference.Limits.EndpointsOf(svf)
            .Select(e => (e, reference.Limits.Lookup(svf, e, date)))
            .Where(t => t.Item2.Status == LimitStatus.Defined && t.e != LeadTimeLimitTable.AllTreatments)
            .ToList();
        if (endpoints.Count > 0 && rng.NextDouble() < 0.9)
        {
            var (e, limit) = endpoints[rng.Next(endpoints.Count)];
            return (e, limit.Days);
        }
        var generic = GenericTreatments[rng.Next(GenericTreatments.Length)];
        var l = reference.Limits.Lookup(svf, generic, date);
        // Where no limit is defined the wait still needs a realistic size: 35 days, a typical SVF limit.
        return (generic, l.Status == LimitStatus.NotDefined ? 35 : l.Days);
    }

    private static SvfProfile Pick(SvfProfile[] items, double[] weights, double total, Random rng)
    {
        var x = rng.NextDouble() * total;
        for (var i = 0; i < items.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return items[i];
            }
        }
        return items[^1];
    }

    /// <summary>A valid personnummer for an adult aged 18-95 at <paramref name="at"/>, with the sex digit matching.</summary>
    internal static string RandomPin(Random rng, DateOnly at, Sex sex)
    {
        var age = 18 + (int)Math.Min(77, Math.Abs(Normal(rng) * 12 + 50));
        var birth = at.AddYears(-age).AddDays(-rng.Next(365));
        var serial = rng.Next(0, 100);
        var sexDigit = rng.Next(0, 5) * 2 + (sex == Sex.Male ? 1 : 0);
        var nine = string.Create(CultureInfo.InvariantCulture, $"{birth:yyMMdd}{serial:D2}{sexDigit}");
        return string.Create(CultureInfo.InvariantCulture, $"{birth:yyyyMMdd}-{nine[6..]}{PersonalIdentityNumber.CheckDigit(nine)}");
    }

    /// <summary>A seed that is the same in every process (HashCode.Combine is randomised per process, so it cannot be used).</summary>
    private static int StableSeed(int a, int b, int c)
    {
        unchecked
        {
            var h = (uint)a * 2654435761u;
            h = (h ^ (uint)b) * 2246822519u;
            h = (h ^ (uint)c) * 3266489917u;
            return (int)(h ^ (h >> 15));
        }
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static string Iso(DateOnly d) => Svf.Output.IsoDate.ToText(d);
}
