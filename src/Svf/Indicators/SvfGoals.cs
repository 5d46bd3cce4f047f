namespace Svf.Indicators;

/// <summary>
/// The national SVF goals, unchanged since 2015 (shared/domain/README.md): the one home of 70 % and 80 % for the
/// indicators (<c>inclusion_goal_met</c>, <c>lead_time_goal_met</c>), their CLI defaults and the texts that name them.
/// A payment condition's threshold is not this value but the agreement's requirement for its year, held in the rules
/// file (<c>conditions[].threshold</c>); an agreement may use the goal (as 2024–2026 do) or set another figure.
/// </summary>
public static class SvfGoals
{
    /// <summary>Inklusionsmålet: 70 % of new cancer cases in the covered diagnoses investigated within an SVF.</summary>
    public const decimal Inclusion = 0.70m;

    /// <summary>Ledtidsmålet: 80 % of the patients in an SVF within the pathway's lead-time limit.</summary>
    public const decimal LeadTime = 0.80m;
}
