namespace Svf.Cli;

/// <summary>A clock standing still: for a report received earlier than it is entered, and for the demo's dated events.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
}
