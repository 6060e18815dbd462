using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>Which name of a place a search text matched (<see cref="PlaceNameIndex.Match"/>): the name, whether it is
/// in force, an alias or former, and how closely (0 the whole name, 1 its beginning, 2 a fragment inside it). A value:
/// a search confirms hundreds of candidates per query.</summary>
public readonly record struct PlaceNameMatch(string Name, PlaceNameMatchKind Kind, int Quality);
