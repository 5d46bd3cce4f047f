using System.Globalization;
using Svf.Ingestion;
using Svf.ReferenceData;

namespace Svf.Investments;

/// <summary>
/// Validates the rows of an RCC's special-investment report, from CSV or JSON alike: each problem names the row, the
/// field and what to do, in Swedish (codes in docs/special-investments.md §2.3). Collects the valid areas and projects.
/// </summary>
internal sealed class InvestmentValidator(ReferenceDataSet reference, string rccCode, IReadOnlyDictionary<string, long> allocatedPerArea, IssueCollector issues)
{
    private readonly Dictionary<string, int> _projectIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _areaRows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rccRegions = reference.Regions.Where(r => r.RccCode == rccCode).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

    public List<AreaReport> Areas { get; } = [];
    public List<InvestmentProject> Projects { get; } = [];

    /// <summary>One row. <paramref name="field"/> turns a column name into the name shown in feedback (CSV: as is; JSON: its path).</summary>
    public void Row(int row, Func<string, string?> get, Func<string, string> field)
    {
        var type = get(InvestmentColumns.RowType)?.ToLowerInvariant();
        var area = get(InvestmentColumns.Area);
        var errors = issues.ErrorCount;
        if (area is null)
        {
            issues.Error("area.missing", row, field(InvestmentColumns.Area), "Område saknas.");
        }
        else if (!allocatedPerArea.ContainsKey(area))
        {
            var known = string.Join(", ", allocatedPerArea.Keys);
            issues.Error("area.unknown", row, field(InvestmentColumns.Area),
                $"Området {Redaction.Quote(area)} finns inte bland årets särskilda satsningar. Använd en av: {known}.");
        }
        switch (type)
        {
            case InvestmentColumns.AreaRow:
                AreaRow(row, get, field, area, errors);
                break;
            case InvestmentColumns.ProjectRow:
                ProjectRow(row, get, field, area, errors);
                break;
            default:
                issues.Error("row_type.invalid", row, field(InvestmentColumns.RowType),
                    $"Radtypen {Redaction.Quote(get(InvestmentColumns.RowType))} är okänd. Skriv area (kriterier och vidarefördelat belopp för ett område) eller project (ett beviljat projekt).");
                break;
        }
    }

    private void AreaRow(int row, Func<string, string?> get, Func<string, string> field, string? area, int errors)
    {
        var criteria = Text(row, get, field, InvestmentColumns.Criteria, "Kriterierna för fördelningen av medlen saknas.");
        var passedOn = Amount(row, get, field, InvestmentColumns.AmountPassedOn, allowZero: true);
        if (issues.ErrorCount > errors || area is null || criteria is null || passedOn is null)
        {
            return;
        }
        if (_areaRows.TryGetValue(area, out var first))
        {
            issues.Error("area.duplicate", row, field(InvestmentColumns.Area), $"Området {area} har redan en områdesrad (rad {first}). Varje område får en rad av typen area.");
            return;
        }
        _areaRows[area] = row;
        if (passedOn > allocatedPerArea[area])
        {
            issues.Warning("area.exceeds_allocation", row, field(InvestmentColumns.AmountPassedOn), string.Create(Svf.Output.SwedishFormat.Culture,
                $"Vidarefördelat belopp {passedOn:N0} kr är större än RCC:ns tilldelning för området, {allocatedPerArea[area]:N0} kr. Kontrollera beloppet."));
        }
        Areas.Add(new AreaReport(area, criteria, passedOn.Value));
    }

    private void ProjectRow(int row, Func<string, string?> get, Func<string, string> field, string? area, int errors)
    {
        var id = Text(row, get, field, InvestmentColumns.ProjectId, "Projekt-id saknas (ett id som är unikt inom RCC:ns redovisning, t.ex. VAST-PAT-01).");
        var name = Text(row, get, field, InvestmentColumns.ProjectName, "Projektets namn saknas.");
        var unit = Text(row, get, field, InvestmentColumns.ResponsibleUnit, "Ansvarig enhet saknas.");
        var aim = Text(row, get, field, InvestmentColumns.Aim, "Projektets syfte saknas.");
        var amount = Amount(row, get, field, InvestmentColumns.Amount, allowZero: false);
        var regions = Codes(get(InvestmentColumns.Regions));
        if (regions.Count == 0)
        {
            issues.Error("regions.missing", row, field(InvestmentColumns.Regions), "Ange regionen eller regionerna projektet gäller, som länskoder (t.ex. 13,14).");
        }
        foreach (var r in regions.Where(r => !reference.RegionsByCode.ContainsKey(r)))
        {
            issues.Error("regions.unknown", row, field(InvestmentColumns.Regions), $"Okänd regionkod {Redaction.Quote(r)}. Använd länskoden med två siffror.");
        }
        foreach (var r in regions.Where(r => reference.RegionsByCode.ContainsKey(r) && !_rccRegions.Contains(r)))
        {
            issues.Warning("regions.outside_rcc", row, field(InvestmentColumns.Regions), $"Region {r} hör inte till RCC:ns sjukvårdsregion. Kontrollera att projektet ska redovisas här.");
        }
        var start = Date(row, get, field, InvestmentColumns.StartDate, required: true);
        var end = Date(row, get, field, InvestmentColumns.EndDate, required: false);
        if (start is { } s && end is { } e && e < s)
        {
            issues.Error("date.end_before_start", row, field(InvestmentColumns.EndDate), "Slutdatum är före startdatum.");
        }
        var status = get(InvestmentColumns.Status)?.ToLowerInvariant();
        if (status is null || !InvestmentColumns.Statuses.Contains(status))
        {
            issues.Error("status.invalid", row, field(InvestmentColumns.Status),
                $"Status {Redaction.Quote(get(InvestmentColumns.Status))} är okänd. Skriv granted (beviljat, ej startat), ongoing (pågående), completed (avslutat) eller cancelled (avbrutet).");
        }
        var results = get(InvestmentColumns.Results);
        if (status == "completed" && results is null)
        {
            issues.Warning("results.missing", row, field(InvestmentColumns.Results), "Projektet är avslutat men resultat saknas. Slutredovisningen behöver resultaten.");
        }
        var svf = Codes(get(InvestmentColumns.AffectedSvf));
        foreach (var code in svf.Where(c => !reference.SvfsByCode.ContainsKey(c)))
        {
            issues.Error("svf.unknown", row, field(InvestmentColumns.AffectedSvf), $"Okänd SVF-kod {Redaction.Quote(code)}. Använd koderna i svf.csv (t.ex. BROST, PROSTATA).");
        }
        var goodText = get(InvestmentColumns.GoodExample)?.ToLowerInvariant();
        bool? good = goodText switch
        {
            null or "nej" or "false" or "0" or "no" => false,
            "ja" or "true" or "1" or "yes" => true,
            _ => null,
        };
        if (good is null)
        {
            issues.Error("good_example.invalid", row, field(InvestmentColumns.GoodExample), $"{Redaction.Quote(goodText)} är inte ja eller nej.");
        }
        if (issues.ErrorCount > errors || id is null || area is null)
        {
            return;
        }
        if (_projectIds.TryGetValue(id, out var first))
        {
            issues.Error("project.duplicate", row, field(InvestmentColumns.ProjectId), $"Projekt-id {Redaction.Quote(id)} finns redan på rad {first}.");
            return;
        }
        _projectIds[id] = row;
        Projects.Add(new InvestmentProject
        {
            RowNo = row, ProjectId = id, Area = area, Name = name!, ResponsibleUnit = unit!, Regions = regions, Amount = amount!.Value,
            StartDate = start!.Value, EndDate = end, Aim = aim!, Status = status!, Results = results, AffectedSvf = svf, GoodExample = good!.Value,
        });
    }

    /// <summary>Whole-file checks after the last row: every project's area has an area row; the sums agree.</summary>
    public void Finish(Func<string, string> areaField)
    {
        foreach (var area in Projects.Select(p => p.Area).Distinct().Where(a => !_areaRows.ContainsKey(a)))
        {
            issues.Error("area.without_area_row", Projects.First(p => p.Area == area).RowNo, areaField(InvestmentColumns.Area),
                $"Området {area} har projekt men ingen rad av typen area med kriterier och vidarefördelat belopp.");
        }
        foreach (var a in Areas)
        {
            var granted = Projects.Where(p => p.Area == a.Area).Sum(p => p.Amount);
            if (granted != a.AmountPassedOn)
            {
                issues.Warning("area.amount_differs_from_projects", _areaRows[a.Area], areaField(InvestmentColumns.AmountPassedOn), string.Create(Svf.Output.SwedishFormat.Culture,
                    $"Vidarefördelat belopp för {a.Area} är {a.AmountPassedOn:N0} kr men projekten summerar till {granted:N0} kr."));
            }
        }
        foreach (var area in allocatedPerArea.Keys.Where(a => !_areaRows.ContainsKey(a)))
        {
            issues.Warning("area.not_reported", 0, areaField(InvestmentColumns.Area), $"Området {area} är inte redovisat (ingen rad av typen area). Lägesbilden visar det som ej redovisat.");
        }
    }

    private string? Text(int row, Func<string, string?> get, Func<string, string> field, string column, string message)
    {
        var v = get(column);
        if (v is null)
        {
            issues.Error(column + ".missing", row, field(column), message);
        }
        return v;
    }

    private long? Amount(int row, Func<string, string?> get, Func<string, string> field, string column, bool allowZero)
    {
        var v = get(column);
        if (v is null)
        {
            issues.Error(column + ".missing", row, field(column), "Belopp saknas (hela kronor).");
            return null;
        }
        if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || (!allowZero && amount == 0))
        {
            issues.Error(column + ".invalid", row, field(column), $"{Redaction.Quote(v)} är inte ett belopp i hela kronor{(allowZero ? "" : " större än 0")} (utan mellanslag, t.ex. 1250000).");
            return null;
        }
        return amount;
    }

    private DateOnly? Date(int row, Func<string, string?> get, Func<string, string> field, string column, bool required)
    {
        var v = get(column);
        if (v is null)
        {
            if (required)
            {
                issues.Error(column + ".missing", row, field(column), "Datum saknas (ÅÅÅÅ-MM-DD).");
            }
            return null;
        }
        if (!FieldParsing.TryDate(v, out var d))
        {
            issues.Error("date.invalid", row, field(column), $"{Redaction.Quote(v)} är inte ett datum. Skriv ÅÅÅÅ-MM-DD.");
            return null;
        }
        return d;
    }

    private static List<string> Codes(string? text) =>
        text is null ? [] : text.Split([',', ' ', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
