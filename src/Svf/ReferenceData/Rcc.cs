namespace Svf.ReferenceData;

/// <summary>A regional cancer centre (one per samverkansregion).</summary>
public sealed record Rcc(string Code, string NameSv, string NameEn);
