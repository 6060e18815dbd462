using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A changed particular: field, old and new value.</summary>
public sealed record FieldChangeResponse(string Field, string? From, string? To)
{
    public static FieldChangeResponse FromChange(FieldChange change) => new(change.Field, change.From, change.To);
}
