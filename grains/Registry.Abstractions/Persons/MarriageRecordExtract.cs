namespace Registry.Abstractions.Persons;

/// <summary>
/// A marriage-record extract (婚姻登记记录证明) as issued: its number (<see cref="MarriageRecordExtractNumber"/>),
/// the person it is about (<see cref="IdNumber"/>, the key of their record's document, and the keys of their other
/// <see cref="Documents"/>), their status as derived on the day of issue and every marriage record naming them,
/// oldest first (records registered in the registry and entered from the archive alike, each with its standing); no
/// records means the registry holds none. Issued by <see cref="IssuedBy"/> at <see cref="Office"/>. Never changed
/// once issued.
/// </summary>
[GenerateSerializer, Alias("Registry.Persons.MarriageRecordExtract")]
public sealed record MarriageRecordExtract(
    [property: Id(0)] string Number,
    [property: Id(1)] string IdNumber,
    [property: Id(2)] IReadOnlyList<string> Documents,
    [property: Id(3)] MaritalStatus Status,
    [property: Id(4)] IReadOnlyList<MarriageRecordReference> Records,
    [property: Id(5)] string Office,
    [property: Id(6)] DateOnly IssuedOn,
    [property: Id(7)] DateTimeOffset IssuedAt,
    [property: Id(8)] string IssuedBy);
