namespace Registry.Grains.Organizations;

/// <summary>Stored claim on a name in an office: the owner's USCC (null when free) and when it was claimed.</summary>
public sealed class OrganizationNameState
{
    public string? Owner { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }
}
