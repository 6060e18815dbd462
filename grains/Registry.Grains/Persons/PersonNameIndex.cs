using Registry.Abstractions.Persons;
using Registry.Grains.Marriages;

namespace Registry.Grains.Persons;

/// <summary>What a marriage record contributes to the person-name index: each party under the name registered and
/// under every name a court's correction gave them. Pure.</summary>
public static class PersonNameIndex
{
    public static IReadOnlyList<PersonNameEntry> Of(MarriageState state)
    {
        if (state.Record != MarriageRecordStatus.Registered)
        {
            return [];
        }

        return new[] { state.PartyA, state.PartyB }
            .SelectMany(party => state.Corrections
                .Where(c => c.PartyIdNumber == party.IdNumber && c.Name is not null)
                .Select(c => c.Name!)
                .Prepend(party.Name)
                .Select(name => new PersonNameEntry(name, party.IdNumber, state.Id)))
            .Distinct()
            .ToList();
    }
}
