namespace Registry.Abstractions.Marriages;

/// <summary>
/// A divorce application (the receipt): received on <see cref="ReceivedOn"/> at <see cref="Office"/>; either party
/// may withdraw up to and including <see cref="CoolingOffEnds"/>; both must appear at the same office from the day
/// after that up to and including <see cref="LastDayToAppear"/>. Both dates are already moved off public holidays.
/// <see cref="Status"/> is as of the day it was read.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.DivorceApplicationDetails")]
public sealed record DivorceApplicationDetails(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] string MarriageId,
    [property: Id(2)] string Office,
    [property: Id(3)] DateOnly ReceivedOn,
    [property: Id(4)] DateOnly CoolingOffEnds,
    [property: Id(5)] DateOnly LastDayToAppear,
    [property: Id(6)] DivorceApplicationStatus Status,
    [property: Id(7)] DateOnly? ClosedOn,
    [property: Id(8)] string? WithdrawnBy,
    [property: Id(9)] string? CertificateNumber)
{
    /// <summary>Each party as recorded when applying; null on applications stored before the parties were recorded
    /// one by one (not recorded, never inferred).</summary>
    [Id(10)]
    public IReadOnlyList<DivorceApplicant>? Parties { get; init; }

    /// <summary>What the agreement was found to state; null on applications stored before it was recorded.</summary>
    [Id(11)]
    public DivorceAgreementContents? AgreementContents { get; init; }

    /// <summary>Each party as recorded at the divorce registration; null until registered, and on registrations
    /// stored before the parties were recorded one by one.</summary>
    [Id(12)]
    public IReadOnlyList<DivorceAppearance>? RegistrationParties { get; init; }

    /// <summary>The years without a loaded holiday calendar that a deadline was computed into (weekends only): the
    /// deadlines are provisional until those calendars are loaded, and then only ever move later. Empty when
    /// final.</summary>
    [Id(13)]
    public IReadOnlyList<int> ProvisionalYears { get; init; } = [];
}
