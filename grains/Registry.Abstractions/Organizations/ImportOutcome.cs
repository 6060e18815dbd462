namespace Registry.Abstractions.Organizations;

/// <summary>What importing one row did: stored it, or found the same organization already stored.</summary>
[GenerateSerializer, Alias("Registry.Organizations.ImportOutcome")]
public enum ImportOutcome
{
    Imported = 0,

    /// <summary>The register already holds this organization with the same particulars (a re-run).</summary>
    AlreadyStored = 1,
}
