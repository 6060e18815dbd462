namespace Registry.Abstractions.Places;

/// <summary>Which of a place's names a search text matched: the name in force, an alias, or a name it bore before a
/// rename. Ordered as a search ranks them.</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameMatchKind")]
public enum PlaceNameMatchKind
{
    /// <summary>The name in force (or its spelling).</summary>
    Current = 0,

    /// <summary>An alias (别名, 俗称) of the place.</summary>
    Alias = 1,

    /// <summary>A name the place bore before a rename took effect (or its spelling).</summary>
    Former = 2,
}
