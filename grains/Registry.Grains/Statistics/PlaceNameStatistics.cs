using Registry.Abstractions.Places;
using Registry.Abstractions.Statistics;
using Registry.Grains.Places;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Statistics;

/// <summary>What a place name counts in the statistics, at the county-level office of its division. Names imported
/// from a gazetteer count nothing: they were not named by a bureau in any period. Pure.</summary>
public static class PlaceNameStatistics
{
    public static RecordStatistics Of(PlaceNameState state)
    {
        if (state.Id.Length == 0 || StatisticsOffices.OfficeOf(state.DivisionCode) is not { } office)
        {
            return RecordStatistics.None;
        }

        var facts = new List<StatisticsFact>();
        foreach (var e in state.Events)
        {
            var id = $"place:{state.Id}#{e.Sequence}";
            var figure = e.Kind switch
            {
                PlaceNameEventKind.Proposed => F.PlacesProposed,
                PlaceNameEventKind.Approved => F.PlacesApproved,
                PlaceNameEventKind.Announced => F.PlacesAnnounced,
                PlaceNameEventKind.Renamed => F.PlacesRenamed,
                PlaceNameEventKind.Abolished => F.PlacesAbolished,
                _ => null,
            };
            if (figure is null)
            {
                continue;
            }

            facts.Add(new(id, figure, office, e.EffectiveDate));
            if (e.Kind == PlaceNameEventKind.Approved && state.Category == PlaceCategory.Street)
            {
                facts.Add(new(id + ":road", F.RoadsNamed, office, e.EffectiveDate));
            }
        }

        return new RecordStatistics(facts, []);
    }

    /// <summary>What a street's house-number plates count: each number assigned, and its plate certificate (门牌证),
    /// on the day it was issued, at the county-level office of the street's division.</summary>
    public static RecordStatistics OfHouseNumbers(string streetId, string divisionCode,
        IEnumerable<HouseNumberPlate> plates)
    {
        if (StatisticsOffices.OfficeOf(divisionCode) is not { } office)
        {
            return RecordStatistics.None;
        }

        var facts = new List<StatisticsFact>();
        foreach (var plate in plates)
        {
            var id = $"house:{streetId}#{plate.Key}";
            facts.Add(new(id, F.HouseNumbersAssigned, office, plate.IssuedOn));
            if (plate.CertificateNumber.Length > 0)
            {
                facts.Add(new(id + ":certificate", F.PlateCertificates, office, plate.IssuedOn));
            }
        }

        return new RecordStatistics(facts, []);
    }

    /// <summary>What one sign counts: a plate or sign of its kind set on its day.</summary>
    public static RecordStatistics OfSign(string signKey, string divisionCode, PlaceSignKind kind, DateOnly setOn) =>
        StatisticsOffices.OfficeOf(divisionCode) is { } office
            ? new RecordStatistics([new($"sign:{signKey}", F.PlatesSet(KindKey(kind)), office, setOn)], [])
            : RecordStatistics.None;

    private static string KindKey(PlaceSignKind kind) => kind switch
    {
        PlaceSignKind.RoadSign => "roadSign",
        PlaceSignKind.LaneSign => "laneSign",
        PlaceSignKind.BuildingPlate => "building",
        PlaceSignKind.DoorPlate => "door",
        PlaceSignKind.UnitPlate => "unit",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
