namespace Registry.Abstractions.Boundaries;

/// <summary>A side's signature: which side, who signed, on which day (the bureau's calendar), recorded by whom.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.InspectionSignature")]
public sealed record InspectionSignature(
    [property: Id(0)] string Side,
    [property: Id(1)] string Signatory,
    [property: Id(2)] DateOnly SignedOn,
    [property: Id(3)] string? Note,
    [property: Id(4)] string RecordedBy);
