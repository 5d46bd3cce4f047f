using Svf.Accounts;
using Svf.Storage;

namespace Svf.Web.Auth;

/// <summary>
/// The demo accounts, created only in demo mode (Portal:Demo, set by scripts/portal-demo.sh). docs/portal.md lists the
/// same table; a docs test keeps the two in step.
/// </summary>
public static class DemoAccounts
{
    public sealed record DemoAccount(string Username, string Password, string Role, string? RegionCode, string? RccCode, string DisplayName);

    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("region01", "demo-stockholm-01", "RegionReporter", "01", null, "SVF-samordnare Region Stockholm"),
        new("region03", "demo-uppsala-03", "RegionReporter", "03", null, "SVF-samordnare Region Uppsala"),
        new("rcc-mellansverige", "demo-rcc-mellan", "RccCoordinator", null, "Mellansverige", "RCC Mellansverige"),
        new("analytiker", "demo-analytiker", "NationalAnalyst", null, null, "Analytiker, Socialstyrelsen"),
        new("departementet", "demo-departementet", "MinistryViewer", null, null, "Socialdepartementet"),
        new("admin", "demo-admin", "Administrator", null, null, "Kontoadministratör"),
    ];

    /// <summary>Creates every demo account that does not exist yet (an existing one is left as it is).</summary>
    public static void Ensure(SvfDatabase db, TimeProvider clock)
    {
        foreach (var a in All)
        {
            if (AccountStore.FindByUsername(db, a.Username) is null)
            {
                AccountStore.Create(db, a.Username, a.DisplayName, PasswordSignIn.Hash(a.Password), a.Role, a.RegionCode, a.RccCode, null, "demo", clock);
            }
        }
    }
}
