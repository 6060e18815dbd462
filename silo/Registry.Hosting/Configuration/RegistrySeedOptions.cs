namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry:Seed</c> section: reference data loaded when a silo starts.</summary>
public sealed class RegistrySeedOptions
{
    /// <summary>Insert the official division lists that are not stored yet (idempotent; never overwrites).</summary>
    public bool Divisions { get; set; } = true;

    /// <summary>Store the shipped province and prefecture geometry where none is stored (idempotent; never
    /// overwrites).</summary>
    public bool Geometry { get; set; } = true;
}
