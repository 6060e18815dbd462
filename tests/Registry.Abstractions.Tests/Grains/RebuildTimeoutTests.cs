using System.Reflection;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Tests.Grains;

public sealed class RebuildTimeoutTests
{
    /// <summary>Every grain interface of the contracts assembly.</summary>
    private static IEnumerable<Type> GrainInterfaces() =>
        typeof(RebuildTimeout).Assembly.GetTypes().Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t));

    [Fact]
    public void Every_index_rebuild_call_waits_longer_than_a_national_build_takes()
    {
        var rebuilds = GrainInterfaces().SelectMany(t => t.GetMethods())
            .Where(m => m.Name == "RebuildAsync").ToList();

        // The place-name and organization indexes, each through its search grain and its partitions.
        Assert.Equal(4, rebuilds.Count);
        foreach (var method in rebuilds)
        {
            var timeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout;
            Assert.True(timeout >= TimeSpan.FromMinutes(5),
                $"{method.DeclaringType!.Name}.{method.Name} waits {timeout?.ToString() ?? "the runtime's default"}");
        }
    }
}
