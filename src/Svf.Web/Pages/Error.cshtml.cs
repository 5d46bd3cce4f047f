using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Web.Infrastructure;

namespace Svf.Web.Pages;

/// <summary>The page shown for a status code without a body of its own (404, 403, 400 from a stale form).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Status { get; set; }

    public string Title => ErrorResponses.Title(Status);

    public string Message => Status switch
    {
        400 => "Formuläret har gått ut eller skickats två gånger, eller uppgifterna var felaktiga. Ladda om sidan och försök igen. Inget har sparats.",
        403 => "Du har inte behörighet till den här sidan eller uppgiften. Du ser bara uppgifter för din egen roll och region.",
        404 => "Sidan eller uppgiften finns inte.",
        _ => "Ett oväntat fel inträffade. Försök igen.",
    };

    public void OnGet()
    {
    }

    public void OnPost()
    {
    }
}
