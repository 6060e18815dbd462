using Registry.Abstractions.Boundaries;

namespace Registry.Grains.Boundaries;

/// <summary>
/// A step an inspection still owes other records after its own write: tell the line it completed
/// (<see cref="Condition"/> null) or set a marker's condition. Stored with the inspection, so it completes even after
/// a crash; each step is idempotent on the receiving side by <see cref="OperationId"/>.
/// </summary>
public sealed record InspectionStep(string Target, MarkerCondition? Condition, DateOnly Date, string OperationId);
