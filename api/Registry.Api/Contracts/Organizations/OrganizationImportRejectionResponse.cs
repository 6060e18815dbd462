using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A row the import refused: its line in the file (the header is line 1), its code as given, the rule it
/// breaks (kebab-case, as the API's problem responses name it), the field when one is to blame, and why.</summary>
public sealed record OrganizationImportRejectionResponse(long Line, string? Uscc, string Rule, string? Field, string Message)
{
    public static OrganizationImportRejectionResponse From(OrganizationImportRejection r) =>
        new(r.Line, r.Uscc, r.Rule, r.Field, r.Message);
}
