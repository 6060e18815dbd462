namespace Registry.Abstractions.Boundaries;

/// <summary>What a write did to a record: created it, changed it, or found it already as asked (nothing stored).</summary>
[GenerateSerializer, Alias("Registry.Boundaries.RecordChange")]
public enum RecordChange
{
    Created = 0,

    /// <summary>A division geometry: a new version from a later effective date.</summary>
    NewVersion = 1,

    /// <summary>A division geometry: the version of that effective date was corrected; other records: updated.</summary>
    Corrected = 2,

    Unchanged = 3,
}
