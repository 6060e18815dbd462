using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>One call of a change plan: apply <see cref="Step"/> to <see cref="Code"/>, or (with
/// <see cref="AdoptChild"/>) note that child under <see cref="Code"/>.</summary>
public sealed record PlannedStep(string Code, DivisionStep? Step, string? AdoptChild);
