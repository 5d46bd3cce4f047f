using Svf.Domain;

namespace Svf.ReferenceData;

/// <summary>One standardised care pathway. <see cref="YearIntroduced"/> is null where the source does not give it.</summary>
public sealed record SvfDefinition(
    string Code,
    string NameSv,
    string NameEn,
    int? YearIntroduced,
    string IcdText,
    IReadOnlyList<IcdRange> IcdCodes)
{
    /// <summary>False for symptom-based SVF (e.g. allvarliga ospecifika symtom) and where no list was found.</summary>
    public bool HasIcdList => IcdCodes.Count > 0;
}
