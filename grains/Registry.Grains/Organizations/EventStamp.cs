namespace Registry.Grains.Organizations;

/// <summary>When a step is recorded and by whom (<c>system</c> for deadlines).</summary>
public readonly record struct EventStamp(DateTimeOffset At, string By);
