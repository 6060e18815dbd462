using Registry.Abstractions.Boundaries;

namespace Registry.Api.Spatial.Import;

/// <summary>One step of an import: the records written from some input features (by index), as one grain-call
/// sequence returning what happened to each record.</summary>
internal sealed record ImportUnit(string Label, IReadOnlyList<int> Features,
    Func<IGrainFactory, Task<IReadOnlyList<RecordChange>>> Run);
