namespace Registry.Abstractions.Marriages;

/// <summary>Both parties apply for divorce at <see cref="Office"/>, each in person (<see cref="Parties"/>, one entry
/// per party), with their written divorce agreement (<see cref="Agreement"/>: its text or reference) and what the
/// registrar found it to state (<see cref="Contents"/>).</summary>
[GenerateSerializer, Alias("Registry.Marriages.ApplyForDivorce")]
public sealed record ApplyForDivorce(
    [property: Id(0)] string Office,
    [property: Id(1)] string Agreement,
    [property: Id(2)] IReadOnlyList<DivorceApplicant> Parties,
    [property: Id(3)] DivorceAgreementContents Contents);
