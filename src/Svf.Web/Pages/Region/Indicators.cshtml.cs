using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.ReferenceData;
using Svf.Web.Auth;

namespace Svf.Web.Pages.Region;

public sealed class IndicatorsModel(IndicatorUseCases indicators, ReferenceDataSet reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public IndicatorView View { get; private set; } = null!;

    public void OnGet([FromQuery(Name = "period_kind")] string? periodKind, int? year, string? svf, string? sex) =>
        View = IndicatorView.Build(indicators, reference, User.ToCaller(), $"/region/{Code}/indikatorer", periodKind, year, svf, sex, Code, unitFixed: true,
            Svf.Domain.SwedishTime.Today(clock).Year - 1);
}
