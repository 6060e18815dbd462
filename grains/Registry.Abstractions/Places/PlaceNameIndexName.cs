using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// A name of a place other than the one in force, as the search index keeps it: the name and its spelling (empty
/// for an alias, which has none), the same normalised for fragment search (see
/// <see cref="PlaceNameIndexEntry.SearchName"/>), and whether it is an alias or a former name.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameIndexName")]
public sealed record PlaceNameIndexName(
    [property: Id(0)] string Name,
    [property: Id(1)] string Romanization,
    [property: Id(2)] string SearchName,
    [property: Id(3)] string SearchSpelling,
    [property: Id(4)] PlaceNameMatchKind Kind);
