using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>Field rules shared by the boundary records. Pure.</summary>
public static class BoundaryRules
{
    public const int MaxTextLength = 500;
    public const int MaxNameLength = 100;
    public const int MaxListItems = 50;

    /// <summary>
    /// How far a marker may stand from its line's recorded geometry, in metres. Markers of a pair or triple stand on
    /// the banks of boundary rivers, and recorded lines may be simplified map lines; beyond this a registrar has
    /// almost certainly picked the wrong line or swapped coordinates.
    /// </summary>
    public const double MaxMarkerDistanceFromLineMetres = 500;

    /// <summary>How far a position sent with a marker update may lie from the registered one and still be the same
    /// position, in metres (rounding of a client that sends the record back).</summary>
    public const double SamePositionMetres = 0.01;

    /// <summary>
    /// Markers are never moved (Administrative Boundary Management Regulations 2002): an update naming
    /// another position is refused with <c>marker-position-fixed</c>. A displaced marker is a finding of a joint
    /// inspection, which records the surveyed position beside the registered one.
    /// </summary>
    public static void EnsureMarkerNotMoved(string number, double lon, double lat, double? newLon, double? newLat)
    {
        if (newLon is null && newLat is null)
        {
            return;
        }

        if (newLon is not { } x || newLat is not { } y || Geodesy.DistanceMetres(lon, lat, x, y) > SamePositionMetres)
        {
            throw DomainException.Violation("marker-position-fixed",
                $"Marker {number} stands at ({lon}, {lat}) and cannot be moved; a marker found elsewhere is recorded " +
                "as displaced in a joint inspection.");
        }
    }

    public static void EnsureReason(string? reason) => EnsureText("reason", reason, "reason-required",
        "Every change states its reason (e.g. the approving document or survey).");

    public static void EnsureText(string field, string? value, string rule, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid(rule, field, message);
        }

        EnsureOptionalText(field, value);
    }

    public static void EnsureOptionalText(string field, string? value)
    {
        if (value is not null && (value.Length > MaxTextLength || value.Any(c => char.IsControl(c) && c != '\n')))
        {
            throw DomainException.Invalid("text-invalid", field,
                $"'{field}' has at most {MaxTextLength} characters and no control characters.");
        }
    }

    public static void EnsureList(string field, IReadOnlyList<string>? items)
    {
        if (items is null)
        {
            return;
        }

        if (items.Count > MaxListItems || items.Any(string.IsNullOrWhiteSpace))
        {
            throw DomainException.Invalid("list-invalid", field,
                $"'{field}' holds at most {MaxListItems} non-empty entries.");
        }

        foreach (var item in items)
        {
            EnsureOptionalText(field, item);
        }
    }
}
