namespace Registry.Abstractions.Divisions;

/// <summary>What one <see cref="DivisionStep"/> does to one division.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionStepKind")]
public enum DivisionStepKind
{
    /// <summary>The code comes into force with a name, level and parent.</summary>
    Establish = 0,
    Rename = 1,

    /// <summary>The division moves under another parent.</summary>
    Reparent = 2,

    /// <summary>The division ends (abolished, merged, re-coded or split; see <see cref="DivisionStep.EndStatus"/>).</summary>
    End = 3,

    /// <summary>Records on a merge's existing target that others merged into it (no change of its own state).</summary>
    Absorb = 4,
}
