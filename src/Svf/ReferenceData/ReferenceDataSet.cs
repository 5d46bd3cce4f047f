using System.Globalization;
using Svf.Domain;
using Sylvan.Data.Csv;

namespace Svf.ReferenceData;

/// <summary>
/// The versioned reference data: regions, RCC, the SVF catalogue, treatment types and lead-time limits.
/// Loaded from the CSV files shipped in the assembly (copied from shared/domain), or from a folder holding files of
/// the same names, so that a new limit or population figure is a data change, not a code change.
/// </summary>
public sealed class ReferenceDataSet
{
    public const string RegionsFile = "regioner.csv";
    public const string RccFile = "rcc.csv";
    public const string SvfFile = "svf.csv";
    public const string LimitsFile = "ledtider.csv";
    public const string TreatmentTypesFile = "treatment-types.csv";

    private static readonly Lazy<ReferenceDataSet> EmbeddedInstance = new(() => Load(OpenEmbedded));

    private ReferenceDataSet(IReadOnlyList<Region> regions, IReadOnlyList<Rcc> rccs, IReadOnlyList<SvfDefinition> svfs,
        IReadOnlyList<TreatmentType> treatmentTypes, LeadTimeLimitTable limits, IReadOnlyDictionary<string, byte[]> files)
    {
        Files = files;
        Regions = regions;
        Rccs = rccs;
        Svfs = svfs;
        TreatmentTypes = treatmentTypes;
        Limits = limits;
        RegionsByCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        SvfsByCode = svfs.ToDictionary(s => s.Code, StringComparer.Ordinal);
        TreatmentTypesByCode = treatmentTypes.ToDictionary(t => t.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<Region> Regions { get; }
    public IReadOnlyList<Rcc> Rccs { get; }
    public IReadOnlyList<SvfDefinition> Svfs { get; }
    public IReadOnlyList<TreatmentType> TreatmentTypes { get; }
    public LeadTimeLimitTable Limits { get; }
    public IReadOnlyDictionary<string, Region> RegionsByCode { get; }
    public IReadOnlyDictionary<string, SvfDefinition> SvfsByCode { get; }
    public IReadOnlyDictionary<string, TreatmentType> TreatmentTypesByCode { get; }

    /// <summary>The bytes of every file this set was read from, by file name: what a locked decision keeps and hashes.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>SHA-256 (hex) over the files in name order: one value that changes when any reference file changes.</summary>
    public string ContentSha256()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{name}\n{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}\n"));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>A set read from file contents kept elsewhere (a locked decision's record); a file not given is taken from the build.</summary>
    public static ReferenceDataSet FromContents(IReadOnlyDictionary<string, byte[]> files) =>
        Load(name => files.TryGetValue(name, out var bytes) ? new MemoryStream(bytes, writable: false) : OpenEmbedded(name));

    /// <summary>The reference data shipped with this build.</summary>
    public static ReferenceDataSet Embedded => EmbeddedInstance.Value;

    public static ReferenceDataSet FromDirectory(string directory) => Load(name =>
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? File.OpenRead(path) : OpenEmbedded(name);
    });

    /// <summary>The SVF that were introduced before the given year (the agreements' Bilaga 3 rule). SVF without a known year are excluded.</summary>
    public IEnumerable<SvfDefinition> SvfsIntroducedBefore(int year) => Svfs.Where(s => s.YearIntroduced < year);

    /// <summary>True if the treatment code is a generic type or an end point named for this SVF in ledtider.csv.</summary>
    public bool IsKnownTreatment(string svf, string code) => TreatmentTypesByCode.ContainsKey(code) || Limits.IsSvfEndpoint(svf, code);

    private static Stream OpenEmbedded(string name) =>
        typeof(ReferenceDataSet).Assembly.GetManifestResourceStream("Svf.ReferenceData." + name)
        ?? throw new InvalidOperationException($"Reference data file {name} is missing from the build.");

    private static ReferenceDataSet Load(Func<string, Stream> openFile)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        Stream Open(string name)
        {
            using var s = openFile(name);
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            files[name] = copy.ToArray();
            return new MemoryStream(files[name], writable: false);
        }

        var rccs = ReadRows(Open, RccFile, r => new Rcc(r.Req("rcc_code"), r.Req("rcc_name_sv"), r.Req("rcc_name_en")));
        var rccCodes = rccs.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        var regions = ReadRows(Open, RegionsFile, r =>
        {
            var pops = new Dictionary<DateOnly, long>();
            foreach (var col in r.Columns.Where(c => c.StartsWith("population_", StringComparison.Ordinal)))
            {
                var date = Svf.Output.IsoDate.Parse(col["population_".Length..].Replace('_', '-'));
                var value = r.Opt(col);
                if (value is not null)
                {
                    pops[date] = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }
            var rcc = r.Req("rcc");
            if (!rccCodes.Contains(rcc))
            {
                throw r.Fail("rcc", $"unknown RCC '{rcc}' (not in {RccFile})");
            }
            return new Region(r.Req("region_code"), r.Req("region_name"), rcc, pops);
        });

        var svfs = ReadRows(Open, SvfFile, r => new SvfDefinition(
            r.Req("svf_code"), r.Req("svf_name_sv"), r.Req("svf_name_en"),
            r.Opt("year_introduced") is { } y ? int.Parse(y, NumberStyles.None, CultureInfo.InvariantCulture) : null,
            r.Opt("icd10_codes") ?? "", IcdCode.ParseList(r.Opt("icd10_codes"))));
        var svfCodes = svfs.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);

        var treatments = ReadRows(Open, TreatmentTypesFile, r => new TreatmentType(r.Req("treatment_type"), r.Req("name_sv"), r.Opt("kva_suffix")));

        var limits = ReadRows(Open, LimitsFile, r =>
        {
            var svf = r.Req("svf_code");
            if (!svfCodes.Contains(svf))
            {
                throw r.Fail("svf_code", $"unknown SVF '{svf}' (not in {SvfFile})");
            }
            var days = r.Opt("max_days");
            var version = r.Opt("version");
            if ((days is null) != (version is null))
            {
                throw r.Fail("version", "max_days and version must both be given or both be empty");
            }
            var notes = r.Opt("notes") ?? "";
            return new LeadTimeLimit(svf, r.Req("first_treatment"),
                days is null ? null : int.Parse(days, NumberStyles.None, CultureInfo.InvariantCulture),
                version is null ? null : ParseVersion(version),
                notes.StartsWith("OLDER VERSION, superseded", StringComparison.Ordinal),
                r.Opt("source") ?? "", notes);
        });

        return new ReferenceDataSet(regions, rccs, svfs, treatments, new LeadTimeLimitTable(limits), files);
    }

    /// <summary>A version is a date (2016-12-14) or, where the source gives only a year, that year's 1 January.</summary>
    private static DateOnly ParseVersion(string text) => text.Length == 4
        ? new DateOnly(int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture), 1, 1)
        : Svf.Output.IsoDate.Parse(text);

    private static List<T> ReadRows<T>(Func<string, Stream> open, string file, Func<RowAccess, T> map)
    {
        using var stream = open(file);
        using var text = new StreamReader(stream, System.Text.Encoding.UTF8);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { Delimiter = ';', HasHeaders = true });
        var columns = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        var result = new List<T>();
        var row = 1;
        while (csv.Read())
        {
            row++;
            result.Add(map(new RowAccess(file, row, columns, csv)));
        }
        return result;
    }

    private sealed class RowAccess(string file, int row, string[] columns, CsvDataReader csv)
    {
        public IReadOnlyList<string> Columns => columns;

        public string? Opt(string column)
        {
            var i = Array.IndexOf(columns, column);
            if (i < 0)
            {
                throw Fail(column, "column is missing from the header");
            }
            var v = csv.GetString(i).Trim();
            return v.Length == 0 ? null : v;
        }

        public string Req(string column) => Opt(column) ?? throw Fail(column, "value is required");

        public InvalidDataException Fail(string column, string message) =>
            new($"Reference data {file}, row {row}, field {column}: {message}.");
    }
}
