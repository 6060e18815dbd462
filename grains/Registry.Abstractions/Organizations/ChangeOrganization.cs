namespace Registry.Abstractions.Organizations;

/// <summary>
/// Change registration particulars; a null field stays as it is, at least one must be given and differ.
/// <see cref="Reason"/> cites the approval and goes into the history.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ChangeOrganization")]
public sealed record ChangeOrganization(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? LegalRepresentative,
    [property: Id(2)] string? Address,
    [property: Id(3)] string? BusinessScope,
    [property: Id(4)] string Reason);
