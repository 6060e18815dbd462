using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>Stored state of one partition of the person-name index: the entries each record contributes, by record
/// key.</summary>
public sealed class PersonNameIndexState
{
    public Dictionary<string, List<PersonNameEntry>> ByRecord { get; set; } = new(StringComparer.Ordinal);
}
