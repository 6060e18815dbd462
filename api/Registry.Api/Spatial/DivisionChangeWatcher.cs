using System.Reflection;
using Orleans.Concurrency;
using Registry.Abstractions.Divisions;

namespace Registry.Api.Spatial;

/// <summary>
/// Tells <see cref="DivisionChangeSignal"/> when a call through this process (or, with an embedded silo, between its
/// grains) may have changed a division: any completed call of a non-read-only method of <see cref="IDivisionGrain"/>.
/// </summary>
public sealed class DivisionChangeWatcher(DivisionChangeSignal signal) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod is { } method && method.DeclaringType == typeof(IDivisionGrain) &&
            method.GetCustomAttribute<ReadOnlyAttribute>() is null)
        {
            signal.Changed();
        }
    }
}
