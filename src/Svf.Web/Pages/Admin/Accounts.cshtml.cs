using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Svf.Accounts;
using Svf.Application;
using Svf.ReferenceData;
using Svf.Web.Auth;

namespace Svf.Web.Pages.Admin;

public sealed class AccountsModel(AccountUseCases accounts, ReferenceDataSet reference) : PageModel
{
    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public ReferenceDataSet Reference => reference;

    public string? Message { get; private set; }

    public string? NewToken { get; private set; }

    public string? Error { get; private set; }

    public void OnGet() => Accounts = accounts.List(User.ToCaller());

    public IActionResult OnPostCreate(string username, string displayName, string? password, string role, string? regionCode, string? rccCode, string? externalSubject) =>
        Act(() =>
        {
            var a = accounts.Create(User.ToCaller(), new NewAccount(username, displayName, PasswordSignIn.HashIfGiven(password), role, regionCode, rccCode, externalSubject));
            Message = $"Kontot {a.Username} är skapat.";
        });

    public IActionResult OnPostActive(long id, bool active) =>
        Act(() =>
        {
            accounts.SetActive(User.ToCaller(), id, active);
            Message = active ? "Kontot är aktiverat." : "Kontot är inaktiverat och dess tokens är återkallade.";
        });

    public IActionResult OnPostToken(long id, string? label, int days) =>
        Act(() =>
        {
            NewToken = accounts.IssueToken(User.ToCaller(), id, label ?? "", TimeSpan.FromDays(days <= 0 ? 365 : days));
            Message = "En ny token är utfärdad. Kopiera den nu: den visas bara en gång och lagras bara som kontrollsumma.";
        });

    private IActionResult Act(Action action)
    {
        try
        {
            action();
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
        }
        Accounts = accounts.List(User.ToCaller());
        return Page();
    }
}
