namespace Registry.Abstractions.Organizations;

/// <summary>
/// Register a social organization under its Unified Social Credit Code. <see cref="RegisteringOffice"/> is the
/// 6-digit division code of the registering civil-affairs office; <see cref="RegisteredCapital"/> is in yuan.
/// <see cref="LegacyOverrideReason"/>, when given, accepts a code that fails only its check character (a legacy
/// code); the reason is audited.
/// Immutable (records all the way down, its lists made for the call and never changed after): Orleans passes it
/// between grains of one process without copying it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.RegisterOrganization")]
public sealed record RegisterOrganization(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Name,
    [property: Id(2)] OrganizationKind Kind,
    [property: Id(3)] string RegisteringOffice,
    [property: Id(4)] string? SupervisingUnit,
    [property: Id(5)] string LegalRepresentative,
    [property: Id(6)] string Address,
    [property: Id(7)] string BusinessScope,
    [property: Id(8)] decimal RegisteredCapital,
    [property: Id(9)] DateOnly FoundedOn,
    [property: Id(10)] string? LegacyOverrideReason);
