namespace Registry.Abstractions.Spatial;

/// <summary>Why a geometry is refused: a stable kebab-case <see cref="Rule"/> and a sentence for people.</summary>
public sealed record GeometryProblem(string Rule, string Message);
