namespace Registry.Api.Contracts.Persons;

/// <summary>A document whose link was undone: the document's key, now a person record of its own again, and the key
/// of the person record it was linked to.</summary>
public sealed record UnlinkedDocumentResponse(string DocumentKey, string UnlinkedFrom);
