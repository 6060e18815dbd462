namespace Registry.Abstractions.Marriages;

/// <summary>Both parties apply for divorce at <see cref="Office"/> with their written divorce agreement
/// (<see cref="Agreement"/>: its text or reference).</summary>
[GenerateSerializer, Alias("Registry.Marriages.ApplyForDivorce")]
public sealed record ApplyForDivorce(
    [property: Id(0)] string Office,
    [property: Id(1)] string Agreement);
