namespace Registry.Abstractions.Boundaries;

/// <summary>One side of the line signs the inspection: <see cref="Side"/> is that side's division code (or reference
/// key), <see cref="Signatory"/> the official who signed for it.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.SignInspection")]
public sealed record SignInspection(
    [property: Id(0)] string Side,
    [property: Id(1)] string Signatory,
    [property: Id(2)] string? Note);
