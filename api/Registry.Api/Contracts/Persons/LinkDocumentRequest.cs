using Registry.Abstractions.Persons;
using Registry.Api.Text;

namespace Registry.Api.Contracts.Persons;

/// <summary>
/// Links another identity document to a person (a renewed passport, a corrected ID number): <c>documentType</c>,
/// <c>number</c> and, for a passport, <c>country</c> (ISO 3166-1 alpha-3), or <c>unrecorded</c> with the number
/// <c>{RECORD-ID}-A</c> (or <c>-B</c>) for a party an archive record names without a document; <c>reason</c> says how
/// the registrar established that it is the same person; <c>office</c> is where it was done.
/// </summary>
public sealed record LinkDocumentRequest(
    IdentityDocumentType? DocumentType,
    string? Number,
    string? Country,
    [TextPolicy(TextKind.FreeText)] string? Reason,
    string? Office);
