using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A refused or flagged row of an import: its line (CSV, the header being 1) or feature number (GeoJSON),
/// the name as given, the rule, the field to blame and why.</summary>
public sealed record PlaceNameImportRowResponse(long Line, string? Name, string Rule, string? Field, string Message)
{
    public static PlaceNameImportRowResponse From(PlaceNameImportRow row) =>
        new(row.Line, row.Name, row.Rule, row.Field, row.Message);
}
