using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.Output;
using Svf.Web.Auth;

namespace Svf.Web.Pages.Region;

public sealed class EarlyWarningModel(EarlyWarningUseCases warnings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public EarlyWarning Warning { get; private set; } = null!;

    public void OnGet([FromQuery(Name = "as_of")] string? asOf)
    {
        DateOnly? date = IsoDate.TryParse(asOf, out var d) ? d : null;
        Warning = warnings.ForRegion(User.ToCaller(), Code, date);
    }
}
