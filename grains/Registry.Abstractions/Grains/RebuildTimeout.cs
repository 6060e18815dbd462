namespace Registry.Abstractions.Grains;

/// <summary>
/// How long a caller waits for an index rebuild (<c>[ResponseTimeout]</c> on the rebuild calls) instead of the runtime's
/// 30-s default: a national partition's build from its records outlasts that (the 833,000 place names took 33-41 s
/// on a 2-core host), and the administrator's request then failed with a 503 while the build went on and completed.
/// Only the rebuild calls wait this long; every other call keeps the default.
/// </summary>
public static class RebuildTimeout
{
    /// <summary>Ten minutes, in the attribute's <see cref="TimeSpan.Parse(string)"/> form.</summary>
    public const string Limit = "00:10:00";
}
