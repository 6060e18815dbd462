namespace Registry.Api.Contracts.Persons;

/// <summary>A document linked to a person: the document's key and the key of the person record it now leads to.</summary>
public sealed record LinkedDocumentResponse(string DocumentKey, string PersonKey);
