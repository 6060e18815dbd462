using Orleans.Runtime;

namespace Registry.Abstractions.Auditing;

/// <summary>
/// Carries who and why from the caller to the grain-storage provider without putting either into grain state.
/// The actor travels in Orleans' <see cref="RequestContext"/> (set once per HTTP request by the API); the operation
/// and reason are set by the grain around its state write and flow through the awaited call as an async local.
/// </summary>
public static class AuditScope
{
    /// <summary>The <see cref="RequestContext"/> key holding the acting user's name.</summary>
    public const string ActorKey = "registry.actor";

    /// <summary>The <see cref="RequestContext"/> key holding the division code of the office the user acts for.</summary>
    public const string OfficeKey = "registry.office";

    /// <summary>What <see cref="Office"/> names when the acting user's token named no office.</summary>
    public const string NoOffice = "no-office";

    /// <summary>The actor recorded when no user is behind a write (seeding, deadline sweeps).</summary>
    public const string SystemActor = "system";

    private static readonly AsyncLocal<WriteAudit?> current = new();

    /// <summary>The audit of the write under way, or null.</summary>
    public static WriteAudit? Current => current.Value;

    /// <summary>The acting user of the current call, or <see cref="SystemActor"/>.</summary>
    public static string Actor => RequestContext.Get(ActorKey) as string ?? SystemActor;

    /// <summary>
    /// The office that acted, for public histories (which name the office, never the account; the account stays in
    /// the storage's write audit): the acting user's office, <see cref="NoOffice"/> when their token named none, or
    /// <see cref="SystemActor"/> when no user is behind the call.
    /// </summary>
    public static string Office => RequestContext.Get(OfficeKey) as string
        ?? (RequestContext.Get(ActorKey) is null ? SystemActor : NoOffice);

    /// <summary>Sets the audit for writes made until the returned scope is disposed.</summary>
    public static IDisposable Begin(string operation, string? reason)
    {
        var previous = current.Value;
        current.Value = new WriteAudit(operation, reason);
        return new Restore(previous);
    }

    private sealed class Restore(WriteAudit? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
