namespace Registry.Hosting.Configuration;

/// <summary>
/// The <c>Registry:Testing</c> section: fault injection for tests, never for production. Both default to the
/// production behaviour.
/// </summary>
public sealed class RegistryTestingOptions
{
    /// <summary>
    /// Whether record grains publish to their read models right after their own write (<c>true</c>). A test sets
    /// <c>false</c>, with <see cref="RelayOutbox"/> <c>false</c> too, to stand for a process that dies between a
    /// record's write and its publication: the write and its outbox row are stored, nothing is published.
    /// </summary>
    public bool PublishInline { get; set; } = true;

    /// <summary>Whether this silo runs the outbox relay (<c>true</c>). See <see cref="PublishInline"/>.</summary>
    public bool RelayOutbox { get; set; } = true;
}
