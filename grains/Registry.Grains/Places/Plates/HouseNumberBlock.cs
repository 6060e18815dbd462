using NetTopologySuite.Geometries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Text;

namespace Registry.Grains.Places.Plates;

/// <summary>
/// The rules of issuing a house number in one block of a street (see <see cref="IHouseNumberBlockGrain"/>): odd
/// numbers on the left and even on the right facing along the street line from its origin (左单右双), within
/// <see cref="MaxDistanceMeters"/> of the line; each number once (12-1 and 12之1 are the same number); a sub-number
/// (甲12, 12-1) only beside an issued base number, on its side; base numbers rise from the origin on each side, checked
/// against this block's numbers and those of the neighbouring blocks the grain passes in. No I/O.
/// </summary>
public sealed class HouseNumberBlock(HouseNumberBlockState state)
{
    /// <summary>Farthest a building may lie from its street line to take a number on it.</summary>
    public const double MaxDistanceMeters = 1_000;

    public HouseNumberBlockState State { get; } = state;

    /// <summary>The base numbers on <paramref name="side"/> with their positions along the line.</summary>
    public IEnumerable<(int Base, double Along)> BaseNumbers(StreetSide side) =>
        State.Plates.Where(p => p.Plate.Side == side && p.Plate.Key == p.Plate.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => (p.Plate.Number, p.Along));

    /// <summary>Issues <paramref name="number"/> at <paramref name="point"/> on <paramref name="line"/>;
    /// <paramref name="neighbours"/> are the base numbers on the same side in the neighbouring blocks.</summary>
    public HouseNumberPlate Issue(HouseNumber number, Point point, LineString line, string streetName,
        IEnumerable<(int Base, double Along)> neighbours, string certificateNumber, DateOnly today)
    {
        if (State.Plates.Any(p => p.Plate.Key == number.Key))
        {
            throw DomainException.Conflict("house-number-duplicate", $"Number {number.Label} is already issued on {streetName}.");
        }

        if (number.IsSubNumber && !State.Plates.Any(p => p.Plate.Key == number.Base.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            throw DomainException.Violation("house-number-sub-without-base",
                $"{number.Label} is a sub-number of {number.Base}号, which is not issued on {streetName}; issue {number.Base}号 first.");
        }

        var (side, distance) = PlaceGeometry.SideOf(line, point.Coordinate);
        if (side is null)
        {
            throw DomainException.Violation("house-number-on-line", "The building lies on the street line itself; its side cannot be told.");
        }

        if (distance > MaxDistanceMeters)
        {
            throw DomainException.Violation("house-number-distance",
                $"The building lies {distance:F0} m from the street line; a number is issued within {MaxDistanceMeters:F0} m.");
        }

        if (side != number.Side)
        {
            throw DomainException.Violation("house-number-side",
                $"Odd numbers are on the left and even numbers on the right of the street, facing from its origin (左单右双); number {number.Label} belongs on the {Show(number.Side)} but the building is on the {Show(side.Value)}.");
        }

        // Base numbers rise from the street's origin on each side: a number lies after the lower ones and before the
        // higher ones; a sub-number lies between the base numbers around its own.
        var along = PlaceGeometry.PositionAlong(line, point.Coordinate);
        var misplaced = BaseNumbers(number.Side).Concat(neighbours)
            .Where(p => p.Base != number.Base)
            .Where(p => p.Base < number.Base ? p.Along > along : p.Along < along)
            .Select(p => (int?)p.Base)
            .FirstOrDefault();
        if (misplaced is { } other)
        {
            throw DomainException.Violation("house-number-order",
                $"Numbers rise from the street's origin (its first vertex) on each side; number {number.Label} would lie {(other < number.Base ? "before" : "after")} number {other}.");
        }

        var plate = new HouseNumberPlate(number.Base, PlaceGeometry.Write(point), number.Side, certificateNumber, today)
        {
            Label = number.Label,
            Key = number.Key,
        };
        State.Plates.Add(new HouseNumberEntry(plate, along));
        return plate;
    }

    /// <summary>Plates in address order: base number, then its prefixed and sub-numbers.</summary>
    public IReadOnlyList<HouseNumberPlate> Ordered() => State.Plates.Select(p => p.Plate)
        .OrderBy(p => p.Number).ThenBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    private static string Show(StreetSide side) => ApiTerms.Value(side);
}
