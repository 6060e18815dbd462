using System.Collections.Concurrent;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Marriages;

/// <summary>
/// Checks that an ID number's province part (characters 1-2) is a province-level division the registry has recorded,
/// in force or not; the rest of the address code is not checked, because people keep the numbers of divisions since
/// renamed or abolished. Records are never deleted, so a province once found stays recorded: found provinces are
/// remembered for the life of the silo (34 at most) and every registration does not ask the division grain twice.
/// Unknown prefixes are asked every time. Thread-safe; one per silo.
/// </summary>
public sealed class RecordedProvinces(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, bool> recorded = new(StringComparer.Ordinal);

    /// <summary>Throws <c>id-number-address-code</c> (400, naming <paramref name="field"/>) unless the province is
    /// recorded.</summary>
    public async Task EnsureRecordedAsync(ResidentId id, DateOnly date, string field)
    {
        if (recorded.ContainsKey(id.ProvinceCode))
        {
            return;
        }

        try
        {
            await grains.Get<IDivisionGrain>(id.ProvinceCode).GetSummaryAsync(date);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(ResidentIdNumber.RuleOf(ResidentIdError.AddressCode), field,
                ResidentIdNumber.MessageOf(ResidentIdError.AddressCode));
        }

        recorded.TryAdd(id.ProvinceCode, true);
    }
}
