namespace Registry.Grains.Divisions;

/// <summary>
/// A step of a multi-division change still to be applied to another grain. Stored with the change itself, so a
/// crash between the steps is finished by the next activation instead of leaving the hierarchy half-moved.
/// </summary>
public sealed record PendingStep(
    PendingStepKind Kind,
    string TargetCode,
    DateOnly EffectiveDate,
    string Reason,
    string OperationId,
    IReadOnlyList<string> Children);
