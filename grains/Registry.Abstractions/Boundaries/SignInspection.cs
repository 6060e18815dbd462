namespace Registry.Abstractions.Boundaries;

/// <summary>One side of the line signs the inspection: <see cref="Side"/> is that side's division code (or reference
/// key), <see cref="Signatory"/> the official who signed for it, <see cref="SignedOn"/> the day of the signature (the
/// bureau's today when null; an inspection entered from the archive gives its real date, not before the opening and
/// not in the future). The later side's signature date is the inspection's completion date.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.SignInspection")]
public sealed record SignInspection(
    [property: Id(0)] string Side,
    [property: Id(1)] string Signatory,
    [property: Id(2)] string? Note,
    [property: Id(3)] DateOnly? SignedOn = null);
