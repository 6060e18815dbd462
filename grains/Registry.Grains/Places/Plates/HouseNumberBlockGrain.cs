using System.Globalization;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Places.Plates;

/// <summary>
/// One block of a street's house numbers; see <see cref="IHouseNumberBlockGrain"/> and <see cref="HouseNumberBlock"/>.
/// Reads the street (category, line, status) from its place-name grain and the base numbers of the two neighbouring
/// blocks for the order rule; two numbers issued at the same moment in neighbouring blocks are not ordered against
/// each other (each block is one writer), which a later issue's order check then reveals. After its write it tells
/// the street how many blocks it has, so the street can list them.
/// </summary>
[GrainType(StorageNames.HouseNumberBlock)]
public sealed class HouseNumberBlockGrain(
    [PersistentState(StorageNames.HouseNumberBlock, StorageNames.Provider)] IPersistentState<HouseNumberBlockState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<HouseNumberBlockGrain> logger) : Grain, IHouseNumberBlockGrain
{
    private readonly StatisticsFeed statistics = new(grains, logger);

    private string StreetId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('|')];

    private int Block => int.Parse(this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('|') + 1)..], CultureInfo.InvariantCulture);

    public async Task<HouseNumberPlate> IssueAsync(AssignHouseNumber command)
    {
        var number = command.Number;
        if (number.Block != Block)
        {
            throw new InvalidOperationException($"Number {number.Key} does not belong to block {Block}.");
        }

        var location = PlaceGeometry.Read(command.Location, "location");
        if (location is not Point point)
        {
            throw DomainException.Invalid("geometry-type", "location", "A building's location is a Point.");
        }

        var street = await grains.Get<IPlaceNameGrain>(StreetId).GetAsync();
        if (street.Category != PlaceCategory.Street || street.Geometry.Length == 0
            || PlaceGeometry.Read(street.Geometry) is not LineString line)
        {
            throw DomainException.Violation("house-number-street-line",
                "House numbers are issued on a street, road or lane whose location is a line.");
        }

        if (street.Status is not (PlaceNameStatus.Approved or PlaceNameStatus.Announced or PlaceNameStatus.Recorded))
        {
            throw DomainException.Violation("place-name-status",
                $"House numbers are issued on an approved or announced street; this one is {PlaceName.Show(street.Status)}.");
        }

        var neighbours = new List<(int Base, double Along)>();
        foreach (var block in new[] { Block - 1, Block + 1 }.Where(b => b >= 0))
        {
            var plates = await grains.Get<IHouseNumberBlockGrain>(HouseNumber.BlockKey(StreetId, block)).ListAsync();
            neighbours.AddRange(plates.Where(p => p.Side == number.Side && p.Key == p.Number.ToString(CultureInfo.InvariantCulture))
                .Select(p => (p.Number, PlaceGeometry.PositionAlong(line, Abstractions.Spatial.Wgs84.FromWkb(p.Location).Coordinate))));
        }

        var today = clock.Today;
        var certificate = $"MP{street.DivisionCode}-{StreetId[..Math.Min(8, StreetId.Length)].ToUpperInvariant()}-{number.Key}";
        var plate = new HouseNumberBlock(state.State).Issue(number, point, line, street.Name, neighbours, certificate, today);
        await state.WriteOrReloadAsync();
        if (publication.Inline)
        {
            await statistics.PublishAsync($"house:{this.GetPrimaryKeyString()}", PlaceNameStatistics.OfHouseNumbers(
                StreetId, street.DivisionCode, state.State.Plates.Select(p => p.Plate)));
        }
        try
        {
            await grains.Get<IPlaceNameGrain>(StreetId).NoteHouseNumberBlockAsync(Block);
        }
        catch (Exception e) when (e is not DomainException)
        {
            // The plate stands; the street learns of the block with its next number here or above.
            logger.LogWarning(e, "Street {Street} was not told of house-number block {Block}", StreetId, Block);
        }

        return plate;
    }

    public async Task AdoptAsync(byte[] streetLine, IReadOnlyList<HouseNumberPlate> plates)
    {
        if (PlaceGeometry.Read(streetLine) is not LineString line)
        {
            throw new InvalidOperationException($"Street {StreetId} has no line to place its stored house numbers on.");
        }

        var added = 0;
        foreach (var plate in plates.Where(p => state.State.Plates.All(held => held.Plate.Key != p.Key)))
        {
            var along = PlaceGeometry.PositionAlong(line, Abstractions.Spatial.Wgs84.FromWkb(plate.Location).Coordinate);
            state.State.Plates.Add(new HouseNumberEntry(plate, along));
            added++;
        }

        if (added > 0)
        {
            await state.WriteOrReloadAsync();
        }
    }

    /// <summary>The block's figures (every number and certificate, keyed by plate), counted at the street's
    /// county.</summary>
    public async Task PublishAsync()
    {
        if (state.State.Plates.Count > 0)
        {
            var street = await grains.Get<IPlaceNameGrain>(StreetId).GetAsync();
            await statistics.SendAsync($"house:{this.GetPrimaryKeyString()}", PlaceNameStatistics.OfHouseNumbers(
                StreetId, street.DivisionCode, state.State.Plates.Select(p => p.Plate)));
        }
    }

    public Task<IReadOnlyList<HouseNumberPlate>> ListAsync() =>
        Task.FromResult(new HouseNumberBlock(state.State).Ordered());

    public Task<HouseNumberPlate?> FindAsync(string key) =>
        Task.FromResult(state.State.Plates.Select(p => p.Plate).FirstOrDefault(p => p.Key == key));
}
