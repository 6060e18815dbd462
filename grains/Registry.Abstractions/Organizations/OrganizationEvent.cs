namespace Registry.Abstractions.Organizations;

/// <summary>
/// One entry of an organization's history: what happened, the legal date it took effect (a deadline applied late
/// still carries the deadline's date), when and by whom it was recorded (<c>system</c> for deadlines), and why.
/// <see cref="Year"/> is the report year, <see cref="List"/> and <see cref="Ground"/> describe listings and
/// removals, <see cref="Changes"/> the changed particulars.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.OrganizationEvent")]
public sealed record OrganizationEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] OrganizationEventKind Kind,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] string RecordedBy,
    [property: Id(5)] string? Reason,
    [property: Id(6)] int? Year,
    [property: Id(7)] OrganizationList? List,
    [property: Id(8)] string? Ground,
    [property: Id(9)] IReadOnlyList<FieldChange> Changes);
