using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Application;
using Svf.Web.Auth;

namespace Svf.Web.Pages.National;

public sealed class StatusModel(ReportingStatusOverview overview, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }

    public IReadOnlyList<RegionReportingStatusRow> Rows { get; private set; } = [];

    public void OnGet(int? year)
    {
        Year = year ?? Svf.Domain.SwedishTime.Today(clock).Year - 1;
        Rows = overview.Regions(User.ToCaller(), Year);
    }
}
