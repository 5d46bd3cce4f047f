using Svf.Assessment;
using Svf.Indicators;
using Svf.Ingestion;
using Svf.Rules;
using Svf.Storage;
using Svf.NationalReport;

namespace Svf.Reporting.Tests;

/// <summary>Reproducibility, provenance and the missing-Chromium path.</summary>
[Collection("report")]
public class ReportBuildTests(ReportFixture f)
{
    [Fact]
    public void The_same_stored_data_gives_the_same_figures()
    {
        var again = new NationalReportBuilder(f.Db, ReportFixture.Reference, new IndicatorOptions(), new Clock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)))
            .Build(new NationalReportRequest(2025, NationalReportKind.Interim, ReportFixture.Rules), "test");
        again.FiguresFingerprint.ShouldBe(f.Output.Document.FiguresFingerprint);
        again.BuiltOn.ShouldNotBe(f.Output.Document.BuiltOn);
        again.Table("Fördelning").Rows.ShouldBe(f.Output.Document.Table("Fördelning").Rows);
    }

    [Fact]
    public void The_report_names_every_current_submission_the_rules_and_the_parameters()
    {
        var p = f.Output.Document.Provenance;
        p.Submissions.Count.ShouldBe(63); // 21 regions × (Q4 2024 pathways, 2025 pathways, 2025 new cases)
        p.Submissions.Select(s => s.ContentSha256).ShouldAllBe(h => h.Length == 64);
        p.RulesFingerprint.Length.ShouldBe(64);
        p.Parameters.Select(x => x.Name).ShouldContain("Publiceringsregel");
        f.Output.Document.Caveats.ShouldBe(ReportFixture.Rules.ProvisionalParameters());
        File.ReadAllText(f.Output.HtmlPath).ShouldContain(p.RulesFingerprint);
    }

    [Fact]
    public void A_locked_decision_is_shown_as_locked_even_after_the_data_changed()
    {
        using var db = f.CopyDatabase("locked");
        var locked = new DecisionService(db, TimeProvider.System).Lock(ReportFixture.Rules, ReportFixture.Reference, FailedSharePolicy.Redistribute, "analytiker");
        // After the lock Gävleborg's new-cases file is withdrawn: a new run could no longer assess its inclusion.
        var newCases = SubmissionStore.History(db, "21").Single(s => s.IsCurrent && s.Kind == SubmissionKind.NewCases);
        SubmissionStore.Withdraw(db, newCases.Id, "analytiker", "test efter låsning");
        new PaymentAssessor(db, ReportFixture.Reference, new IndicatorOptions()).Assess(ReportFixture.Rules)
            .Conditions.Single(c => c.RegionCode == "21" && c.ConditionId == "inclusion").Outcome.ShouldBe(ConditionOutcome.CannotAssess);

        var doc = new NationalReportBuilder(db, ReportFixture.Reference, new IndicatorOptions(), TimeProvider.System)
            .Build(new NationalReportRequest(2025, NationalReportKind.Interim, ReportFixture.Rules), "test");
        var matrix = doc.Table("Villkor per region");
        var gavleborg = matrix.Rows.Single(r => (string)r[0]! == "21 Gävleborgs län");
        gavleborg[matrix.Column(ReportFixture.Rules.Condition("inclusion").NameSv)].ShouldBe("ej uppfyllt");
        doc.Table("Fördelning").Rows.ShouldBe(f.Output.Document.Table("Fördelning").Rows);
        doc.Provenance.Parameters.Single(p => p.Name == "Beslut om andra utbetalningen").Value.ShouldContain($"beslut {locked.Id}");
        doc.AllSections().Single(s => s.Id == "andra-utbetalningen").Blocks.OfType<ParagraphBlock>().First().Text.ShouldContain("visar det låsta beslutet");
    }

    [Fact]
    public void The_lagesbild_shows_the_rccs_stored_investment_reports_and_names_those_missing()
    {
        using var db = f.CopyDatabase("investments");
        var rules = AgreementRulesCatalog.Load(ReportFixture.Reference);
        var service = new Svf.Investments.InvestmentService(db, ReportFixture.Reference, rules, Svf.Investments.AllocationCatalog.Load(ReportFixture.Reference, rules), TimeProvider.System);
        var json = """
        {
          "format_version": "1.0",
          "areas": [ { "area": "patologi", "criteria": "Ansökan med bedömning av RCC:s styrgrupp", "amount_passed_on": 6000000 } ],
          "projects": [
            { "project_id": "VAST-PAT-01", "area": "patologi", "project_name": "Digital patologi i Halland", "responsible_unit": "Klinisk patologi",
              "regions": ["13"], "amount": 6000000, "start_date": "2025-03-01", "aim": "Kortare svarstider", "status": "ongoing",
              "affected_svf": ["BROST"], "good_example": true }
          ]
        }
        """;
        service.Import(Svf.Investments.InvestmentActor.Rcc("rcc-vast", "Vast"), "Vast", 2025, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), "vast-2025.json")
            .ErrorCount.ShouldBe(0);

        var doc = new NationalReportBuilder(db, ReportFixture.Reference, new IndicatorOptions(), TimeProvider.System)
            .Build(new NationalReportRequest(2025, NationalReportKind.Interim, ReportFixture.Rules), "test");
        var table = doc.Table("Lägesbild");
        var row = table.Rows.Single(r => (string)r[0]! == "RCC Väst" && ((string)r[1]!).StartsWith("Patologi", StringComparison.OrdinalIgnoreCase));
        row[table.Column("Fördelat vidare")].ShouldBe(6_000_000L);
        row[table.Column("Kriterier för fördelning")].ShouldBe("Ansökan med bedömning av RCC:s styrgrupp");
        row[table.Column("Projekt")].ShouldBe(1L);
        row[table.Column("Projektens namn")].ShouldBe("Digital patologi i Halland");
        var allocated = (long)row[table.Column("Tilldelat")]!;
        ((double)row[table.Column("Andel fördelad vidare")]!).ShouldBe(6_000_000.0 / allocated);
        var section = doc.AllSections().Single(s => s.Id == "satsningar");
        section.Blocks.OfType<ParagraphBlock>().ShouldContain(p => p.Text.StartsWith("Redovisning saknas för:", StringComparison.Ordinal) && p.Text.Contains("RCC Norr", StringComparison.Ordinal));
        // Without any report the section says what is missing (the shared report has none).
        f.Output.Document.AllSections().Single(s => s.Id == "satsningar").Blocks.OfType<ListBlock>().Single().Items.ShouldContain("vilka projekt som beviljats medel och hur många");
    }

    [Fact]
    public void An_internal_copy_is_marked_and_not_suppressed()
    {
        var doc = new NationalReportBuilder(f.Db, ReportFixture.Reference, new IndicatorOptions(), TimeProvider.System)
            .Build(new NationalReportRequest(2025, NationalReportKind.Final, ReportFixture.Rules) { ForPublication = false }, "test");
        doc.FileStem.ShouldBe("svf-rapport-2025-slutredovisning");
        doc.Table("Bilaga 09 Gotlands län").Rows.SelectMany(r => r.OfType<long>()).ShouldContain(n => n > 0 && n < 5);
        doc.FiguresFingerprint.ShouldNotBe(f.Output.Document.FiguresFingerprint);
        doc.AllSections().Single(s => s.Id == "satsningar").Title.ShouldBe("Andra lägesbilden över de särskilda satsningarna");
    }

    [Fact]
    public async Task Without_chromium_the_html_and_workbook_are_still_written_and_the_message_says_how_to_install_it()
    {
        var dir = f.TempDir("no-chromium");
        File.WriteAllText(Path.Combine(dir, f.Output.Document.FileStem + ".pdf"), "an old PDF");
        var output = await NationalReportService.WriteAsync(f.Output.Document, dir, chromium: "/nonexistent/chromium");
        output.PdfPath.ShouldBeNull();
        output.PdfProblem!.ShouldContain("apt-get install -y chromium");
        File.Exists(output.HtmlPath).ShouldBeTrue();
        File.Exists(output.WorkbookPath).ShouldBeTrue();
        Directory.GetFiles(dir, "*.pdf").ShouldBeEmpty("a PDF from an earlier run must not pass for this one");
        Directory.GetFiles(dir).Select(Path.GetFileName).Order().ShouldBe([f.Output.Document.FileStem + ".html", f.Output.Document.FileStem + ".xlsx"]);
    }

    [Fact]
    public void The_output_folder_holds_exactly_one_pdf_one_workbook_and_the_html()
    {
        Directory.GetFiles(f.OutDir).Select(Path.GetFileName).Order().ShouldBe(
            ["svf-rapport-2025-delredovisning.html", "svf-rapport-2025-delredovisning.pdf", "svf-rapport-2025-delredovisning.xlsx"]);
    }

    [Fact]
    public void Charts_are_scalable_svg_in_the_colour_blind_safe_palette()
    {
        var html = File.ReadAllText(f.Output.HtmlPath);
        var svgs = System.Text.RegularExpressions.Regex.Matches(html, "<svg[^>]*>").Select(m => m.Value).ToList();
        svgs.Count.ShouldBe(f.Output.Document.Charts().Count());
        svgs.ShouldAllBe(s => s.Contains("viewBox=\"0 0 ", StringComparison.Ordinal));
        html.ShouldContain("#0072B2", Case.Insensitive);
        html.ShouldContain("#E69F00", Case.Insensitive);
        html.ShouldContain("Andel inom ledtid");
    }
}
