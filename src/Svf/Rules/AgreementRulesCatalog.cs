using System.Text.Json;
using Json.Schema;
using Svf.Domain;
using Svf.ReferenceData;

namespace Svf.Rules;

/// <summary>
/// Loads agreement-YYYY.json files: the ones built in, and any in an extra folder (which win), so a new year is a new
/// file. Every file is checked against the JSON Schema and for consistency before use; a broken file fails loudly.
/// </summary>
public sealed class AgreementRulesCatalog
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(RulesFiles.ReadResource("agreement-rules.schema.json")));

    private readonly Dictionary<int, AgreementRules> _years;

    private AgreementRulesCatalog(Dictionary<int, AgreementRules> years) => _years = years;

    public IReadOnlyList<int> Years => _years.Keys.Order().ToList();

    public AgreementRules ForYear(int year) => _years.TryGetValue(year, out var r)
        ? r
        : throw new KeyNotFoundException($"No agreement rules for {year}. Add Rules/Data/agreement-{year}.json (or a file in the rules folder). Known years: {string.Join(", ", Years)}.");

    /// <summary>The built-in years plus, if given, every agreement-*.json in <paramref name="extraDirectory"/>.</summary>
    public static AgreementRulesCatalog Load(ReferenceDataSet reference, string? extraDirectory = null)
    {
        var years = new Dictionary<int, AgreementRules>();
        foreach (var (text, fileName) in RulesFiles.YearFiles("agreement", extraDirectory))
        {
            var rules = Parse(text, fileName, reference);
            years[rules.Year] = rules;
        }
        return new AgreementRulesCatalog(years);
    }

    /// <summary>Parses and checks one rules file; the message names the file and every problem found.</summary>
    public static AgreementRules Parse(string json, string fileName, ReferenceDataSet reference)
    {
        using var doc = JsonDocument.Parse(json);
        if (RulesFiles.SchemaProblems(Schema.Value, doc.RootElement) is { Count: > 0 } problems)
        {
            throw new InvalidDataException($"Agreement rules {fileName} do not match agreement-rules.schema.json: {string.Join("; ", problems)}");
        }
        var rules = (doc.RootElement.Deserialize<AgreementRules>(RulesFiles.Json) ?? throw new InvalidDataException($"Agreement rules {fileName} are empty.")) with { SourceText = json };
        var errors = Check(rules, fileName, reference).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"Agreement rules {fileName}: {string.Join("; ", errors)}");
        }
        return rules;
    }

    private static IEnumerable<string> Check(AgreementRules r, string fileName, ReferenceDataSet reference)
    {
        if (fileName.StartsWith("agreement-", StringComparison.Ordinal) && fileName != $"agreement-{r.Year}.json")
        {
            yield return $"the file name says another year than \"year\": {r.Year}";
        }
        var paid = r.Payments.Sum(p => p.Amount);
        if (paid != r.SvfTotal)
        {
            yield return $"the payments sum to {paid} kr, not svf_total {r.SvfTotal} kr";
        }
        var ids = r.Conditions.Select(c => c.Id).ToList();
        foreach (var dup in ids.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            yield return $"condition id '{dup.Key}' is used twice";
        }
        foreach (var dup in r.Payments.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            yield return $"payment id '{dup.Key}' is used twice";
        }
        foreach (var p in r.Payments)
        {
            if (p.Provisional && string.IsNullOrWhiteSpace(p.Note))
            {
                yield return $"payment {p.Id} is provisional but has no note saying why";
            }
            foreach (var c in p.Conditions.Where(c => !ids.Contains(c)))
            {
                yield return $"payment {p.Id} names unknown condition '{c}'";
            }
            if (p.Eligibility == PaymentEligibility.Conditions && p.Conditions.Count == 0)
            {
                yield return $"payment {p.Id} is conditional but names no condition";
            }
            if (p.Population is { Provisional: true } pp && string.IsNullOrWhiteSpace(pp.Note))
            {
                yield return $"payment {p.Id}: population is provisional but has no note";
            }
        }
        foreach (var c in r.Conditions)
        {
            if (c.Period is { } period && !ReportingPeriod.TryParse(period, out _))
            {
                yield return $"condition {c.Id} has an invalid period '{period}'";
            }
            foreach (var dup in c.SvfCodes.GroupBy(x => x).Where(g => g.Count() > 1))
            {
                yield return $"condition {c.Id} lists SVF '{dup.Key}' twice";
            }
            foreach (var svf in c.SvfCodes.Append(c.Svf).OfType<string>().Where(s => !reference.SvfsByCode.ContainsKey(s)))
            {
                yield return $"condition {c.Id} names unknown SVF '{svf}'";
            }
            if (c.Provisional && string.IsNullOrWhiteSpace(c.Note))
            {
                yield return $"condition {c.Id} is provisional but has no note saying why";
            }
        }
        if (r.Population.Provisional && string.IsNullOrWhiteSpace(r.Population.Note))
        {
            yield return "population is provisional but has no note";
        }
        if (r.ReportTemplate.Provisional && string.IsNullOrWhiteSpace(r.ReportTemplate.Note))
        {
            yield return "report_template is provisional but has no note";
        }
        if (r.DeepDiveProvisional && string.IsNullOrWhiteSpace(r.DeepDiveNote))
        {
            yield return "deep_dive_threshold is provisional but has no deep_dive_note";
        }
    }
}
