namespace Registry.Grains.Divisions;

/// <summary>Which internal call a <see cref="PendingStep"/> makes.</summary>
public enum PendingStepKind
{
    DetachFromParent = 0,
    AbsorbInto = 1,
    Reparent = 2,
}
