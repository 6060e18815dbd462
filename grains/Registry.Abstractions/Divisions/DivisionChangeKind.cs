namespace Registry.Abstractions.Divisions;

/// <summary>The kinds of change an approval makes to the divisions.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionChangeKind")]
public enum DivisionChangeKind
{
    Establish = 0,
    Rename = 1,
    Abolish = 2,

    /// <summary>The code ends and a new code replaces it (e.g. a county becoming a district); children move.</summary>
    Recode = 3,

    /// <summary>Several divisions merge into a new or an existing one; their children move to it.</summary>
    Merge = 4,

    /// <summary>A division ends and its children are transferred to several successors (new or existing).</summary>
    Split = 5,

    /// <summary>A division (usually a township) moves to another parent.</summary>
    Transfer = 6,
}
