namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry:Seed</c> section: reference data loaded when a silo starts.</summary>
public sealed class RegistrySeedOptions
{
    /// <summary>Insert the official division lists that are not stored yet (idempotent; never overwrites).</summary>
    public bool Divisions { get; set; } = true;

    /// <summary>Store the shipped province and prefecture geometry where none is stored (idempotent; never
    /// overwrites).</summary>
    public bool Geometry { get; set; } = true;

    /// <summary>On a silo's first start, enter the 41,352 townships and streets of the shipped 2023 list as names in
    /// force (status recorded, with their duplicate claims); a marker makes later starts skip it. Off unless set: the
    /// service's appsettings.json turn it on; tests leave it off except those that check it, as it costs the first
    /// start some seconds (see README).</summary>
    public bool PlaceNames { get; set; }
}
