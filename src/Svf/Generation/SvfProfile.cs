namespace Svf.Generation;

/// <summary>
/// Rough shape of each SVF in the synthetic data: relative volume, share ending in cancer and treatment, sex split.
/// Invented for realism only (no official figures); national volume and the one-third cancer share follow RCC's totals.
/// </summary>
internal sealed record SvfProfile(string Code, double Weight, double CancerShare, double MaleShare, string FallbackIcd)
{
    public static readonly IReadOnlyDictionary<string, SvfProfile> All = new[]
    {
        new SvfProfile("AML", 0.4, 0.55, 0.55, "C92.0"),
        new SvfProfile("HUVUD_HALS", 6.0, 0.30, 0.65, "C10.9"),
        new SvfProfile("MATSTRUPE_MAGSACK", 2.5, 0.35, 0.65, "C16.9"),
        new SvfProfile("PROSTATA", 12.0, 0.45, 1.00, "C61.9"),
        new SvfProfile("URINBLASA_URINVAGAR", 6.5, 0.35, 0.75, "C67.9"),
        new SvfProfile("BROST", 13.0, 0.38, 0.01, "C50.9"),
        new SvfProfile("BUKSPOTT", 2.0, 0.40, 0.50, "C25.0"),
        new SvfProfile("GALLA", 0.6, 0.35, 0.45, "C23.9"),
        new SvfProfile("CUP", 1.0, 0.45, 0.50, "C80.0"),
        new SvfProfile("OSPECIFIKA", 8.0, 0.12, 0.50, "C80.9"),
        new SvfProfile("HJARNA", 1.2, 0.50, 0.55, "C71.9"),
        new SvfProfile("LEVER", 0.8, 0.40, 0.65, "C22.0"),
        new SvfProfile("LUNG", 9.0, 0.38, 0.48, "C34.9"),
        new SvfProfile("LYMFOM", 3.0, 0.45, 0.55, "C83.3"),
        new SvfProfile("MYELOM", 1.0, 0.50, 0.58, "C90.0"),
        new SvfProfile("TJOCK_ANDTARM", 10.0, 0.30, 0.53, "C18.7"),
        new SvfProfile("AGGSTOCK", 2.0, 0.35, 0.00, "C56.9"),
        new SvfProfile("MELANOM", 8.0, 0.25, 0.52, "C43.5"),
        new SvfProfile("ANAL", 0.3, 0.45, 0.35, "C21.1"),
        new SvfProfile("ALL", 0.1, 0.60, 0.55, "C91.0"),
        new SvfProfile("KLL", 0.6, 0.40, 0.60, "C91.1"),
        new SvfProfile("LIVMODERHALS", 1.5, 0.30, 0.00, "C53.9"),
        new SvfProfile("LIVMODERKROPP", 2.5, 0.35, 0.00, "C54.9"),
        new SvfProfile("NJURE", 1.5, 0.45, 0.65, "C64.9"),
        new SvfProfile("PENIS", 0.2, 0.40, 1.00, "C60.9"),
        new SvfProfile("SARKOM_SKELETT_MJUKDEL", 0.8, 0.25, 0.55, "C49.9"),
        new SvfProfile("SKOLDKORTEL", 1.0, 0.30, 0.30, "C73.9"),
        new SvfProfile("TESTIKEL", 0.5, 0.55, 1.00, "C62.9"),
        new SvfProfile("BUKSARKOM", 0.3, 0.35, 0.50, "C48.0"),
        new SvfProfile("NET_BINJURE", 0.4, 0.35, 0.50, "C74.0"),
        new SvfProfile("VULVA", 0.3, 0.40, 0.00, "C51.9"),
        new SvfProfile("MPN", 0.5, 0.45, 0.50, "D47.3"),
    }.ToDictionary(p => p.Code, StringComparer.Ordinal);
}
