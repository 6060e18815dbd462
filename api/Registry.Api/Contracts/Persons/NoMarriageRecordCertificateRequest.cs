namespace Registry.Api.Contracts.Persons;

/// <summary>Issue a certificate of no marriage record at <c>office</c>.</summary>
public sealed record NoMarriageRecordCertificateRequest(string? Office);
