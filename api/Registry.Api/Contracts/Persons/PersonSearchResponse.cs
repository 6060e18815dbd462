namespace Registry.Api.Contracts.Persons;

/// <summary>The persons found by name: <c>count</c> of them shown, <c>truncated</c> when more matched (narrow the
/// search by a document instead).</summary>
public sealed record PersonSearchResponse(string Name, int Count, bool Truncated,
    IReadOnlyList<PersonFoundResponse> Persons);
