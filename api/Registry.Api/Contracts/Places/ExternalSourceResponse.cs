using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>The gazetteer an external reference name comes from, its id there and the credit to show with it.</summary>
public sealed record ExternalSourceResponse(string Source, string SourceId, string Credit, string? CountryCode,
    string? Admin1, string? Admin2)
{
    public static ExternalSourceResponse From(ExternalSource source) => new(source.Source, source.SourceId,
        source.Credit, source.CountryCode, source.Admin1, source.Admin2);
}
