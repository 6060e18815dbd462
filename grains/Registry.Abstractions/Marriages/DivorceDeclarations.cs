namespace Registry.Abstractions.Marriages;

/// <summary>
/// What one party of a divorce application declares under their own signature (the declaration each applicant signs
/// under the Ministry's working rules for marriage registration): that they want the divorce of their own free will
/// (<see cref="Voluntary"/>), and that what they presented is true (<see cref="Truthful"/>). Each party makes their
/// own; one party's declaration never covers the other.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.DivorceDeclarations")]
public sealed record DivorceDeclarations(
    [property: Id(0)] bool Voluntary,
    [property: Id(1)] bool Truthful);
