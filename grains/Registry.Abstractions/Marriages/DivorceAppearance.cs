namespace Registry.Abstractions.Marriages;

/// <summary>
/// One party at the divorce registration after cooling-off: the identity document they presented
/// (<see cref="DocumentKey"/>, naming a party of the marriage), whether they appeared in person, and whether they
/// confirmed that they still want the divorce. Both parties each give their own.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.DivorceAppearance")]
public sealed record DivorceAppearance(
    [property: Id(0)] string DocumentKey,
    [property: Id(1)] bool AppearedInPerson,
    [property: Id(2)] bool ConfirmsDivorce);
