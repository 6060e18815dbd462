namespace Registry.Api.Contracts.Spatial;

/// <summary>The divisions of the same level whose geometry on <see cref="AsOf"/> shares a boundary line (not only a
/// point) with <see cref="Code"/>'s.</summary>
public sealed record AdjacentDivisionsResponse(string Code, DateOnly AsOf, IReadOnlyList<AdjacentDivisionResponse> Adjacent);
