namespace Svf.Assessment;

public enum ConditionOutcome
{
    Met,
    NotMet,
    /// <summary>The data needed is missing (no submission, no denominator, no limit): shown with the reason, never guessed.</summary>
    CannotAssess,
}
