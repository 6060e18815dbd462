using Orleans.Concurrency;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>Spelling suggestions from the shipped table; see <see cref="IPlaceSpellingGrain"/>.</summary>
[GrainType(StorageNames.PlaceSpellingGrainType)]
[StatelessWorker]
public sealed class PlaceSpellingGrain : Grain, IPlaceSpellingGrain
{
    public Task<SpellingSuggestion> SuggestAsync(string name, PlaceCategory category) =>
        Task.FromResult(PlaceSpelling.Suggest(name, category));
}
