using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.ReferenceData;
using Svf.Reports;
using Svf.Rules;
using Svf.Web.Auth;

namespace Svf.Web.Pages.Region;

/// <summary>
/// The yearly report form: the latest saved version (or the pre-filled template), saved as a draft or submitted through
/// <see cref="YearlyReportUseCases"/>; every save is a new version. The status and what is missing come from the follow-up.
/// </summary>
public sealed class ReportModel(YearlyReportUseCases reports, AgreementRulesCatalog catalog, ReferenceDataSet reference, TimeProvider clock) : PageModel
{
    public const int ObstacleRows = 3;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public RegionReport Report { get; private set; } = null!;

    public AgreementRules Rules { get; private set; } = null!;

    public StoredReport? Latest { get; private set; }

    public ReportFeedbackLetter Letter { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string RegionName => reference.RegionsByCode.TryGetValue(Code, out var r) ? r.Name : Code;

    public DateOnly Deadline => Letter.Deadline;

    public string SvfName(string code) => reference.SvfsByCode.TryGetValue(code, out var s) ? s.NameSv : code;

    public IReadOnlyList<SvfDefinition> AllSvf => reference.Svfs;

    public void OnGet() => Load(null);

    public IActionResult OnPostDraft() => Save(submit: false);

    public IActionResult OnPostSubmit() => Save(submit: true);

    private IActionResult Save(bool submit)
    {
        Load(null);
        var edited = FromForm(Report);
        try
        {
            var stored = submit ? reports.Submit(User.ToCaller(), edited) : reports.SaveDraft(User.ToCaller(), edited);
            Load(null);
            Message = submit
                ? $"Redovisningen är inskickad (version {stored.VersionNumber}, {Svf.Output.IsoDate.Minutes(Svf.Domain.SwedishTime.Local(stored.SavedAtUtc))})."
                : $"Utkastet är sparat (version {stored.VersionNumber}). Det är inte inskickat.";
        }
        catch (ArgumentException e)
        {
            Report = edited;
            Error = "Redovisningen kunde inte sparas: " + e.Message;
        }
        return Page();
    }

    private void Load(RegionReport? over)
    {
        var caller = User.ToCaller();
        Year ??= Svf.Domain.SwedishTime.Today(clock).Year;
        Rules = catalog.ForYear(Year.Value);
        var versions = reports.Versions(caller, Year.Value, Code);
        Latest = versions.Count > 0 ? versions[versions.Count - 1] : null;
        Letter = reports.Letter(caller, Year.Value, Code);
        CanEdit = caller.CanActForRegion(Code);
        Report = over ?? Latest?.Content ?? (CanEdit ? reports.Template(caller, Year.Value, Code) : EmptyReport());
    }

    private RegionReport EmptyReport() => new() { Region = Code, Year = Year!.Value };

    /// <summary>The form's fields over the loaded report: comments per SVF, PREM, obstacles, text sections, own inclusion.</summary>
    private RegionReport FromForm(RegionReport basis)
    {
        var f = Request.Form;
        string Text(string key) => f[key].ToString().Trim();
        decimal? ownInclusion = null;
        var own = Text("own_inclusion").Replace('%', ' ').Replace(',', '.').Trim();
        if (own.Length > 0)
        {
            ownInclusion = decimal.TryParse(own, NumberStyles.Number, CultureInfo.InvariantCulture, out var pct)
                ? Math.Round(pct / 100m, 4)
                : throw new ArgumentException($"Egen inklusion '{Text("own_inclusion")}' är inget tal: skriv procent, t.ex. 74,2.");
        }
        bool? premInUse = Text("prem_in_use") switch { "ja" => true, "nej" => false, _ => null };
        var obstacles = Enumerable.Range(0, ObstacleRows)
            .Select(i => (Svf: Text($"obstacle_svf_{i}"), Description: Text($"obstacle_text_{i}")))
            .Where(o => o.Svf.Length > 0 && o.Description.Length > 0)
            .Select(o => new ObstacleEntry(o.Svf, o.Description)).ToList();
        return basis with
        {
            SvfStatus = basis.SvfStatus.Select(s => s with { Comment = Text("comment_" + s.Svf) }).ToList(),
            Prem = new PremSection(premInUse, Text("prem_results"), Text("prem_how_used")),
            Obstacles = obstacles,
            Texts = Rules.ReportTemplate.Sections.Where(s => s.Kind == ReportSectionKind.Text).ToDictionary(s => s.Id, s => Text("text_" + s.Id)),
            OwnInclusionRate = ownInclusion,
        };
    }
}
