namespace Svf.ReferenceData;

/// <summary>A generic type of first treatment (KVÅ measurement suffix 50-60). SVF-specific end points live in ledtider.csv.</summary>
public sealed record TreatmentType(string Code, string NameSv, string? KvaSuffix);
