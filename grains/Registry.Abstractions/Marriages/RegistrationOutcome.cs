namespace Registry.Abstractions.Marriages;

/// <summary>Whether the registration that created a marriage record committed.</summary>
[GenerateSerializer, Alias("Registry.Marriages.RegistrationOutcome")]
public enum RegistrationOutcome
{
    /// <summary>The registration is running now; its reservations hold.</summary>
    InProgress = 0,

    /// <summary>The marriage record is stored: the registration committed.</summary>
    Registered = 1,

    /// <summary>The registration failed or was cut short, and is recorded as never to commit.</summary>
    Aborted = 2,
}
