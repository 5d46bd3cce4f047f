using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.ReferenceData;
using Svf.Web.Auth;

namespace Svf.Web.Pages.National;

public sealed class IndicatorsModel(IndicatorUseCases indicators, ReferenceDataSet reference, TimeProvider clock) : PageModel
{
    public IndicatorView View { get; private set; } = null!;

    public void OnGet([FromQuery(Name = "period_kind")] string? periodKind, int? year, string? svf, string? sex, string? unit)
    {
        var caller = User.ToCaller();
        // A coordinator's charts default to its RCC (it may not see the nation's region rows, but the nation as a whole it may).
        unit ??= caller.Role == Role.RccCoordinator ? caller.RccCode : null;
        View = IndicatorView.Build(indicators, reference, caller, "/nationellt/indikatorer", periodKind, year, svf, sex, unit, unitFixed: false,
            Svf.Domain.SwedishTime.Today(clock).Year - 1);
    }
}
