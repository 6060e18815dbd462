namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// Both parties apply together, in person, at <c>office</c> to divorce (Civil Code art. 1076), with their signed
/// written divorce agreement (<c>agreement</c>: its text or reference). <c>agreementStates</c> records what the
/// registrar found the agreement to state (the wish to divorce, and the arrangements for children, property and
/// debts). <c>parties</c> holds one entry per party: the identity document they presented (the one the marriage was
/// registered with), that they appeared in person, that they signed the agreement, and their own declarations.
/// </summary>
public sealed record DivorceApplicationRequest(
    string? MarriageId,
    string? Office,
    string? Agreement,
    DivorceAgreementContentsRequest? AgreementStates,
    IReadOnlyList<DivorceApplicantRequest?>? Parties);
