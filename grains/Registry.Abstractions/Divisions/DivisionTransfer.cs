namespace Registry.Abstractions.Divisions;

/// <summary>In a split: the child <see cref="Code"/> moves under <see cref="ToCode"/>.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionTransfer")]
public sealed record DivisionTransfer(
    [property: Id(0)] string Code,
    [property: Id(1)] string ToCode);
