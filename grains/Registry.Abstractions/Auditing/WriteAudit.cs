namespace Registry.Abstractions.Auditing;

/// <summary>
/// The business step behind the next grain-state write: storage appends it, with who and when, to the record's
/// history in the same transaction as the state.
/// </summary>
/// <param name="Operation">A short, stable operation name, e.g. <c>rename</c>.</param>
/// <param name="Reason">Why, as given by the person who asked for the change; may be null for system steps.</param>
public sealed record WriteAudit(string Operation, string? Reason);
