namespace Registry.Abstractions.Grains;

/// <summary>
/// Grain references without the reflection Orleans does on every <c>GetGrain&lt;T&gt;(key)</c>: Orleans 10 works out
/// the grain interface type from the interface's attributes on each call, which was 7% of the API's CPU on the
/// marriage benchmark (several references per registration). The grain type and interface type of each interface
/// are taken from one reference made by Orleans itself; every later reference is made from them.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of interface <typeparamref name="T"/> with string key <paramref name="key"/>: the same
    /// reference as <c>GetGrain&lt;T&gt;(key)</c>.</summary>
    public static T Get<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        var types = TypesOf<T>.Resolve(grains, static g => g.GetGrain<T>("-"));
        return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    /// <summary>The grain of interface <typeparamref name="T"/> with integer key <paramref name="key"/>: the same
    /// reference as <c>GetGrain&lt;T&gt;(key)</c>.</summary>
    public static T Get<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey
    {
        var types = TypesOf<T>.Resolve(grains, static g => g.GetGrain<T>(0));
        return (T)grains.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)),
            types.Interface);
    }

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);

    // Both types depend only on the interface and the grain class implementing it, not on the silo, so one
    // resolution serves the process (tests host several silos in one process). Two threads may both resolve at
    // first; they get the same answer.
    private static class TypesOf<T>
    {
        private static ResolvedTypes? resolved;

        public static ResolvedTypes Resolve(IGrainFactory grains, Func<IGrainFactory, T> sample)
        {
            if (resolved is { } known)
            {
                return known;
            }

            var reference = (GrainReference)(object)sample(grains)!;
            return resolved = new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType);
        }
    }
}
