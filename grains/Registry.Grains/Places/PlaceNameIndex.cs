using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// How the place-name index is partitioned and matched. A record lives in partition <see cref="PartitionOf"/> =
/// FNV-1a hash of its id mod <see cref="PartitionCount"/>: stable, and spreading any one city, category or popular
/// name evenly, so no partition is a write hot spot. A search asks every partition (a fixed, small fan-out) and
/// merges; within a partition, box and nearest queries go through its spatial tree. Pure.
/// </summary>
public static class PlaceNameIndex
{
    public const int PartitionCount = 16;

    public static int PartitionOf(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % PartitionCount);
    }

    /// <summary>Whether the entry passes every filter of the query except the box and the point.</summary>
    public static bool Matches(PlaceNameIndexEntry e, PlaceNameQuery q, string? text, string? spelling)
    {
        if (q.PublicOnly && !e.IsPublic)
        {
            return false;
        }

        if (!q.IncludeHistorical && e.Status is PlaceNameStatus.Abolished or PlaceNameStatus.Rejected)
        {
            return false;
        }

        if (q.AnnouncedSince is { } since && (e.Status != PlaceNameStatus.Announced || e.AnnouncedOn < since))
        {
            return false;
        }

        if (q.Category is { } category && e.Category != category)
        {
            return false;
        }

        if (q.DivisionPrefix is { } prefix && !e.DivisionCode.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (spelling is not null && !e.SearchSpelling.Contains(spelling, StringComparison.Ordinal))
        {
            return false;
        }

        return text is null
               || e.SearchName.Contains(text, StringComparison.Ordinal)
               || e.AliasSearchNames.Any(n => n.Contains(text, StringComparison.Ordinal))
               || (q.IncludeHistorical && e.HistoricalSearchNames.Any(n => n.Contains(text, StringComparison.Ordinal)));
    }

    /// <summary>Feed: newest announcement first; otherwise names starting with the text first, then by name. Ties by id.</summary>
    public static IComparer<PlaceNameHit> Order(PlaceNameQuery q, string? text) =>
        Comparer<PlaceNameHit>.Create((a, b) =>
        {
            int order;
            if (q.Near is not null)
            {
                order = Nullable.Compare(a.DistanceMeters, b.DistanceMeters);
            }
            else if (q.AnnouncedSince is not null)
            {
                order = Nullable.Compare(b.Entry.AnnouncedOn, a.Entry.AnnouncedOn);
            }
            else
            {
                order = text is null ? 0
                    : a.Entry.SearchName.StartsWith(text, StringComparison.Ordinal).CompareTo(
                        b.Entry.SearchName.StartsWith(text, StringComparison.Ordinal)) * -1;
                if (order == 0)
                {
                    order = string.CompareOrdinal(a.Entry.SearchName, b.Entry.SearchName);
                }
            }

            return order != 0 ? order : string.CompareOrdinal(a.Entry.Id, b.Entry.Id);
        });

    /// <summary>Whether the box (possibly crossing the antimeridian) intersects the entry's envelope.</summary>
    public static bool InBox(PlaceNameIndexEntry e, BoundingBox box)
    {
        if (e.MaxY < box.MinY || e.MinY > box.MaxY)
        {
            return false;
        }

        return box.MinX <= box.MaxX
            ? e.MaxX >= box.MinX && e.MinX <= box.MaxX
            : e.MaxX >= box.MinX || e.MinX <= box.MaxX;
    }
}
