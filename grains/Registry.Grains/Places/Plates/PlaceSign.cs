using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places.Plates;

/// <summary>
/// The rules of signs and plates (Regulations on the Administration of Place Names, 2022, art. 27-29: the signs a
/// bureau sets and maintains): road and lane signs name a street, road or lane and carry no address; building, door
/// and unit plates are set at an issued house number, a building plate naming its building and a unit plate its unit;
/// a sign is set on a day not in the future, then maintained, replaced or removed on later days, removal being final.
/// No I/O.
/// </summary>
public sealed class PlaceSign(PlaceSignState state)
{
    public const int MaxLabelLength = 20;

    public PlaceSignState State { get; } = state;

    /// <summary>Checks what a new sign names, before the place-name grain gives out a serial; returns the building
    /// and unit labels trimmed.</summary>
    public static (string? Building, string? Unit) CheckKind(PlaceSignKind kind, PlaceCategory category,
        HouseNumber? houseNumber, string? building, string? unit, DateOnly setOn, DateOnly today)
    {
        if (!Enum.IsDefined(kind))
        {
            throw DomainException.Invalid("place-sign-kind", "kind", "The kind is one of road-sign, lane-sign, building-plate, door-plate, unit-plate.");
        }

        building = string.IsNullOrWhiteSpace(building) ? null : building.Trim();
        unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        if (building?.Length > MaxLabelLength || unit?.Length > MaxLabelLength)
        {
            throw DomainException.Invalid("place-sign-label", building?.Length > MaxLabelLength ? "building" : "unit",
                $"A building or unit label is at most {MaxLabelLength} characters.");
        }

        var plate = kind is PlaceSignKind.BuildingPlate or PlaceSignKind.DoorPlate or PlaceSignKind.UnitPlate;
        if (!plate && (houseNumber is not null || building is not null || unit is not null))
        {
            throw DomainException.Violation("place-sign-address", "A road or lane sign names its street; it carries no house number, building or unit.");
        }

        if (plate && houseNumber is null)
        {
            throw DomainException.Invalid("field-required", "houseNumber", "A building, door or unit plate is set at a house number.");
        }

        if (kind == PlaceSignKind.BuildingPlate && building is null)
        {
            throw DomainException.Invalid("field-required", "building", "A building plate names its building (e.g. 3号楼).");
        }

        if (kind == PlaceSignKind.UnitPlate && unit is null)
        {
            throw DomainException.Invalid("field-required", "unit", "A unit plate names its unit (e.g. 2单元).");
        }

        if (category != PlaceCategory.Street)
        {
            throw DomainException.Violation("place-sign-street", "Signs and plates are set along a street, road or lane.");
        }

        if (setOn > today)
        {
            throw DomainException.Violation("place-sign-date", $"A sign is recorded once set; {setOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        return (building, unit);
    }

    /// <summary>Records the sign as set.</summary>
    public void Set(string placeNameId, int serial, SetPlaceSign command, string actor, DateTimeOffset now)
    {
        State.PlaceNameId = placeNameId;
        State.Serial = serial;
        State.Kind = command.Kind;
        State.HouseNumber = command.HouseNumber?.Key;
        State.Building = command.Building;
        State.Unit = command.Unit;
        State.SetOn = command.SetOn;
        State.History.Add(new PlaceSignEvent(PlaceSignCondition.Set, command.SetOn, null, actor, now));
    }

    /// <summary>Maintenance, replacement or removal on a date from the last change to today.</summary>
    public void Record(RecordSignCondition command, DateOnly today, string actor, DateTimeOffset now)
    {
        if (command.Condition is not (PlaceSignCondition.Maintained or PlaceSignCondition.Replaced or PlaceSignCondition.Removed))
        {
            throw DomainException.Invalid("place-sign-condition", "condition", "The condition is maintained, replaced or removed.");
        }

        var last = State.History[^1];
        if (last.Condition == PlaceSignCondition.Removed)
        {
            throw DomainException.Violation("place-sign-removed", $"The sign was removed on {last.Date:yyyy-MM-dd}; a new sign is recorded instead.");
        }

        if (command.Date > today || command.Date < last.Date)
        {
            throw DomainException.Violation("place-sign-date",
                $"A change of condition is dated from the last one ({last.Date:yyyy-MM-dd}) to today ({today:yyyy-MM-dd}).");
        }

        State.History.Add(new PlaceSignEvent(command.Condition, command.Date,
            string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(), actor, now));
    }

    public PlaceSignDetails Details() => new(State.PlaceNameId, State.Serial, State.Kind, State.HouseNumber,
        State.Building, State.Unit, State.SetOn, State.History[^1].Condition, State.History.ToList());
}
