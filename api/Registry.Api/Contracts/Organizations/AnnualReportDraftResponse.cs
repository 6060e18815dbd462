using System.Text.Json;
using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// The unsubmitted draft of a year's report (for the organization and its registrar only): the form as last saved
/// (the fields of a filing body, any may be missing), its revision and who saved it when.
/// </summary>
public sealed record AnnualReportDraftResponse(
    string Uscc,
    int Year,
    int Revision,
    DateOnly SavedOn,
    DateTimeOffset SavedAt,
    string SavedBy,
    ReportFiler SavedAs,
    JsonElement Form)
{
    public static AnnualReportDraftResponse From(string uscc, AnnualReportDraftDetails draft) =>
        new(uscc, draft.Year, draft.Revision, draft.SavedOn, draft.SavedAt, draft.SavedBy, draft.SavedAs,
            JsonDocument.Parse(draft.Form).RootElement.Clone());
}
