namespace Registry.Abstractions.Organizations;

/// <summary>
/// Registrar finding that the organization cannot be reached at its registered address, listing it as abnormal
/// today; <see cref="Findings"/> says what was tried (letters returned, visits, calls).
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.RecordUnreachable")]
public sealed record RecordUnreachable([property: Id(0)] string Findings);
