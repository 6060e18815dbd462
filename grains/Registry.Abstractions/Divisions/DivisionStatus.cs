namespace Registry.Abstractions.Divisions;

/// <summary>Whether a division exists on the date asked about.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionStatus")]
public enum DivisionStatus
{
    InForce = 0,

    /// <summary>The asked date is before the division was established.</summary>
    NotYetEstablished = 1,

    /// <summary>Abolished on or before the asked date.</summary>
    Abolished = 2,

    /// <summary>Merged into its successor on or before the asked date.</summary>
    Merged = 3,
}
