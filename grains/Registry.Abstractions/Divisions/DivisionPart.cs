namespace Registry.Abstractions.Divisions;

/// <summary>A successor in a merge or split: an existing code (<see cref="Name"/> null) or a new one with its name.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionPart")]
public sealed record DivisionPart(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Name);
