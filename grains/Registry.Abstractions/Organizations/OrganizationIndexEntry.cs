namespace Registry.Abstractions.Organizations;

/// <summary>
/// What the search index keeps of one organization: its public particulars and active listings.
/// <see cref="SearchName"/> is the name normalised for fragment search; <see cref="Revision"/> is the
/// organization's state revision, so an older entry never replaces a newer one. <see cref="SearchLegalRepresentative"/>
/// is the legal representative's name normalised the same way. <see cref="NextReportYear"/> is the report year whose
/// window close is the active organization's next deadline (null when not active, and in entries stored before it was
/// kept): with <see cref="Listings"/> it tells the partition's daily deadline sweep which organizations are due.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.OrganizationIndexEntry")]
public sealed record OrganizationIndexEntry(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Name,
    [property: Id(2)] string SearchName,
    [property: Id(3)] OrganizationKind Kind,
    [property: Id(4)] string RegisteringOffice,
    [property: Id(5)] OrganizationStatus Status,
    [property: Id(6)] IReadOnlyList<Listing> Listings,
    [property: Id(7)] long Revision,
    [property: Id(8)] string SearchLegalRepresentative = "",
    [property: Id(9)] int? NextReportYear = null)
{
    /// <summary>The earliest active listing on <paramref name="list"/>, or null when not on it.</summary>
    public DateOnly? ListedSince(OrganizationList list) =>
        Listings.Where(l => l.List == list).Select(l => (DateOnly?)l.ListedOn).Min();
}
