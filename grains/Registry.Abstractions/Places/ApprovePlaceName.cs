namespace Registry.Abstractions.Places;

/// <summary>Approval of a proposed name by <see cref="Authority"/> (e.g. a county people's government) on a date.</summary>
[GenerateSerializer, Alias("Registry.Places.ApprovePlaceName")]
public sealed record ApprovePlaceName(
    [property: Id(0)] string Authority,
    [property: Id(1)] DateOnly Date);
