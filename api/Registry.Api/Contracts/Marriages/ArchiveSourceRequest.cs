using Registry.Api.Text;

namespace Registry.Api.Contracts.Marriages;

/// <summary>Where the paper record is kept: archive volume and page.</summary>
public sealed record ArchiveSourceRequest(
    [TextPolicy(TextKind.Line)] string? Volume,
    [TextPolicy(TextKind.Line)] string? Page);
