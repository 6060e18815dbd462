namespace Registry.Abstractions.Marriages;

/// <summary>Where a divorce application stands on the date asked about.</summary>
[GenerateSerializer, Alias("Registry.Marriages.DivorceApplicationStatus")]
public enum DivorceApplicationStatus
{
    /// <summary>From receipt to the end of the 30-day cooling-off period: either party may withdraw.</summary>
    CoolingOff = 0,

    /// <summary>After cooling-off, up to the last day to appear: both may appear to be registered divorced.</summary>
    AwaitingRegistration = 1,

    Withdrawn = 2,

    /// <summary>Nobody appeared by the last day (Civil Code art. 1077).</summary>
    DeemedWithdrawn = 3,

    Registered = 4,

    /// <summary>The marriage ended otherwise (annulment, declaration of death) while the application was
    /// open.</summary>
    Cancelled = 5,
}
