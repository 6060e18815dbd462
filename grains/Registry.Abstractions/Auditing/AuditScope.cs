using Orleans.Runtime;

namespace Registry.Abstractions.Auditing;

/// <summary>
/// Who is acting: the user and the office they act for travel in Orleans' <see cref="RequestContext"/> (set once per
/// HTTP request by the API) to the grains, which write them into the entries of their records' histories and the
/// access log.
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

    /// <summary>The acting user of the current call, or <see cref="SystemActor"/>.</summary>
    public static string Actor => RequestContext.Get(ActorKey) as string ?? SystemActor;

    /// <summary>
    /// The office that acted, for public histories (which name the office, never the account) and beside the account
    /// in registrars' histories: the acting user's office, <see cref="NoOffice"/> when their token named none, or
    /// <see cref="SystemActor"/> when no user is behind the call.
    /// </summary>
    public static string Office => RequestContext.Get(OfficeKey) as string
        ?? (RequestContext.Get(ActorKey) is null ? SystemActor : NoOffice);
}
