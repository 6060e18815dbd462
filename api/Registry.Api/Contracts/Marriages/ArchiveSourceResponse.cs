using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>Where the paper record of a marriage entered from the archive is kept: volume and page.</summary>
public sealed record ArchiveSourceResponse(string Volume, string Page)
{
    public static ArchiveSourceResponse? From(ArchiveSource? source) =>
        source is null ? null : new(source.Volume, source.Page);
}
