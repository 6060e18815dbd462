using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;

namespace Registry.Api.Spatial.Import;

/// <summary>
/// How to read a FeatureCollection being imported. Codes come from <see cref="CodeProperty"/> (else the feature's
/// <c>id</c>); with a <see cref="Scheme"/> they name reference areas (<c>scheme:code</c>) instead of registry
/// divisions. <see cref="Layer"/> is the level the file describes (for reference areas, the level recorded).
/// </summary>
public sealed record ImportOptions(
    ImportKind Kind,
    string Reason,
    string? Source,
    string? Scheme,
    DivisionLevel? Layer,
    DateOnly? EffectiveDate,
    string CodeProperty,
    string NameProperty,
    string DivisionAProperty,
    string DivisionBProperty,
    string AdjacentProperty,
    string? Agreement,
    DateOnly? AgreementDate)
{
    /// <summary>The record key for a code read from the file.</summary>
    public string KeyOf(string code) => Scheme is null ? code : $"{Scheme}:{code}";
}
