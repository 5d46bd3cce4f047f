using System.Text;
using Svf.Investments;
using Svf.ReferenceData;
using Svf.Rules;
using Svf.Storage;
using Svf.Tests.Support;

namespace Svf.Tests.Investments;

internal static class InvestmentTestData
{
    public const string Header = "row_type;area;criteria;amount_passed_on;project_id;project_name;responsible_unit;regions;amount;start_date;end_date;aim;status;results;affected_svf;good_example\n";

    /// <summary>RCC Väst 2025: pathology 10 000 000 kr passed on to two projects; imaging 3 000 000 kr to one; rehabilitation not reported.</summary>
    public const string Vast2025 = Header +
        "area;patologi;Ansökan med bedömning av effekt på ledtider, fördelning efter befolkning;10000000;;;;;;;;;;;;\n" +
        "project;patologi;;;VAST-PAT-01;Digital patologi i Halland;Klinisk patologi, Region Halland;13;6000000;2025-03-01;2026-02-28;Kortare svarstider för histopatologi;ongoing;;BROST,PROSTATA;ja\n" +
        "project;patologi;;;VAST-PAT-02;Utbildningstjänster cytodiagnostiker;Klinisk patologi, Sahlgrenska;14;4000000;2025-01-15;;Fler cytodiagnostiker;granted;;;nej\n" +
        "area;bild_funktionsmedicin;Lika fördelning mellan regionerna efter ansökan;3000000;;;;;;;;;;;;\n" +
        "project;bild_funktionsmedicin;;;VAST-BFM-01;MR-kvällsmottagning;Bild- och funktionsmedicin, SU;14;3000000;2025-02-01;2025-12-31;Fler MR-undersökningar;completed;Väntetiden till MR halverad;LUNG;ja\n";

    public static AgreementRulesCatalog Rules { get; } = AgreementRulesCatalog.Load(ReferenceDataSet.Embedded);

    public static InvestmentService Service(SvfDatabase db) =>
        new(db, ReferenceDataSet.Embedded, Rules, AllocationCatalog.Load(ReferenceDataSet.Embedded, Rules), FixedClock.Default);

    public static Svf.Ingestion.ImportFeedback Import(SvfDatabase db, string text, string rcc = "Vast", int year = 2025, string fileName = "vast-2025.csv", string? actingRcc = null) =>
        Service(db).Import(new InvestmentActor("rcc-user", actingRcc), rcc, year, new MemoryStream(Encoding.UTF8.GetBytes(text)), fileName);
}
