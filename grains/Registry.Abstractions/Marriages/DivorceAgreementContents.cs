namespace Registry.Abstractions.Marriages;

/// <summary>
/// What the registrar found the written divorce agreement (书面离婚协议, Civil Code art. 1076) to state: both parties'
/// wish to divorce, and their agreed arrangements for the children (their custody and support, or that there are
/// none), for the common property and for the debts. An agreement lacking any of them is not accepted.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.DivorceAgreementContents")]
public sealed record DivorceAgreementContents(
    [property: Id(0)] bool WishToDivorce,
    [property: Id(1)] bool Children,
    [property: Id(2)] bool Property,
    [property: Id(3)] bool Debts);
