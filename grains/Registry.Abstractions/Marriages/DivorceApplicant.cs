namespace Registry.Abstractions.Marriages;

/// <summary>
/// One party of a divorce application as the registrar recorded them at the counter (Civil Code art. 1076: both
/// apply in person with a signed agreement): the identity document they presented (<see cref="DocumentKey"/>, see
/// <c>IdentityDocument.Key</c>; it must name a party of the marriage as registered), whether they appeared in person,
/// whether they signed the written divorce agreement, and their own declarations.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.DivorceApplicant")]
public sealed record DivorceApplicant(
    [property: Id(0)] string DocumentKey,
    [property: Id(1)] bool AppearedInPerson,
    [property: Id(2)] bool SignedAgreement,
    [property: Id(3)] DivorceDeclarations Declarations);
