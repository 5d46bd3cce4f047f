namespace Svf.Assessment;

/// <summary>Whether a region qualifies for one payment, and why not.</summary>
public sealed record PaymentDecision(string PaymentId, string RegionCode, ConditionOutcome Outcome, IReadOnlyList<string> FailedConditions, IReadOnlyList<string> UnassessedConditions)
{
    public bool Qualifies => Outcome == ConditionOutcome.Met;
}
