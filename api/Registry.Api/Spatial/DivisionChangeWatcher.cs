using System.Collections.Concurrent;
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
    // Whether each method of IDivisionGrain changes anything (no [ReadOnly]), looked up once per method.
    private static readonly ConcurrentDictionary<MethodInfo, bool> Changing = new();

    // Every grain call of the process passes here: the others go straight on, without an async frame of their own.
    public Task Invoke(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod is { } method && method.DeclaringType == typeof(IDivisionGrain) &&
        Changing.GetOrAdd(method, m => m.GetCustomAttribute<ReadOnlyAttribute>() is null)
            ? InvokeAndSignalAsync(context)
            : context.Invoke();

    private async Task InvokeAndSignalAsync(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        signal.Changed();
    }
}
