namespace Registry.Api.Contracts.Boundaries;

/// <summary>A side's signature on an inspection.</summary>
public sealed record InspectionSignatureResponse(string Side, string Signatory, DateOnly SignedOn, string? Note,
    string RecordedBy);
