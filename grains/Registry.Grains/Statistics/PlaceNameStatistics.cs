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
                PlaceNameEventKind.HouseNumberAssigned => F.HouseNumbersAssigned,
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
}
