using Svf.Rules;

namespace Svf.Assessment;

/// <summary>Everything the assessment of one year found: condition results, payment decisions, and the inputs' caveats.</summary>
public sealed record AssessmentResult(
    AgreementRules Rules,
    IReadOnlyList<ConditionResult> Conditions,
    IReadOnlyList<PaymentDecision> Decisions,
    IReadOnlyDictionary<string, double?> ComputedInclusion)
{
    public IReadOnlyList<string> Caveats => Rules.ProvisionalParameters();
}
