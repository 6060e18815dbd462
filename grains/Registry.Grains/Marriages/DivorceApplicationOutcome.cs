namespace Registry.Grains.Marriages;

/// <summary>How a divorce application ended, as stored; <see cref="Open"/> until it ends.</summary>
public enum DivorceApplicationOutcome
{
    Open = 0,
    Withdrawn = 1,
    DeemedWithdrawn = 2,
    Registered = 3,
    Cancelled = 4,
}
