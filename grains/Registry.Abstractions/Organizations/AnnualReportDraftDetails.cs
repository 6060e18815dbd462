namespace Registry.Abstractions.Organizations;

/// <summary>
/// The unsubmitted draft of one year's report, seen only by the organization and its registrar: the form as last
/// saved, who saved it when, and <see cref="Revision"/> (1 for the first save, +1 for each replacement). Filing the
/// year's report removes its draft.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.AnnualReportDraftDetails")]
public sealed record AnnualReportDraftDetails(
    [property: Id(0)] int Year,
    [property: Id(1)] string Form,
    [property: Id(2)] int Revision,
    [property: Id(3)] DateOnly SavedOn,
    [property: Id(4)] DateTimeOffset SavedAt,
    [property: Id(5)] string SavedBy,
    [property: Id(6)] ReportFiler SavedAs)
{
    /// <summary>Longest form kept, in UTF-16 characters (a full report with long texts stays well below).</summary>
    public const int MaxFormLength = 200_000;
}
