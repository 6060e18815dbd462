using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// A search: name fragment (<see cref="Text"/>), spelling fragment, category, division (a code prefix covering its
/// sub-divisions), bounding box (lon/lat), nearest to a point (<see cref="Near"/>: results by distance), historical
/// names and abolished names (<see cref="IncludeHistorical"/>), <see cref="PublicOnly"/> for anonymous callers,
/// <see cref="AnnouncedSince"/> for the announcement feed. Null filters do not filter.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameQuery")]
public sealed record PlaceNameQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Romanization,
    [property: Id(2)] PlaceCategory? Category,
    [property: Id(3)] string? DivisionPrefix,
    [property: Id(4)] BoundingBox? Box,
    [property: Id(5)] GeoPoint? Near,
    [property: Id(6)] bool IncludeHistorical,
    [property: Id(7)] bool PublicOnly,
    [property: Id(8)] DateOnly? AnnouncedSince,
    [property: Id(9)] int Skip,
    [property: Id(10)] int Take);
