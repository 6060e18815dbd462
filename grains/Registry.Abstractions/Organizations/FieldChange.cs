namespace Registry.Abstractions.Organizations;

/// <summary>One changed registration particular: field name (camelCase, as in the API) and its old and new value.</summary>
[GenerateSerializer, Alias("Registry.Organizations.FieldChange")]
public sealed record FieldChange(
    [property: Id(0)] string Field,
    [property: Id(1)] string? From,
    [property: Id(2)] string? To);
