namespace Registry.Abstractions.Organizations;

/// <summary>
/// Record an administrative penalty decision: its number (unique within the organization), the date decided, the
/// deciding authority and the facts and legal basis. <see cref="Amount"/> (yuan) is required for a fine or a
/// confiscation and absent otherwise; <see cref="SuspendedFrom"/> and <see cref="SuspendedUntil"/> (inclusive) are
/// required for a suspension and absent otherwise.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ImposePenalty")]
public sealed record ImposePenalty(
    [property: Id(0)] PenaltyKind Kind,
    [property: Id(1)] string DecisionNumber,
    [property: Id(2)] DateOnly DecidedOn,
    [property: Id(3)] string Authority,
    [property: Id(4)] string Grounds,
    [property: Id(5)] decimal? Amount,
    [property: Id(6)] DateOnly? SuspendedFrom,
    [property: Id(7)] DateOnly? SuspendedUntil);
