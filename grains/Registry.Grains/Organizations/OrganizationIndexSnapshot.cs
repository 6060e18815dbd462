using Registry.Abstractions.Organizations;
using Registry.Grains.Indexing;

namespace Registry.Grains.Organizations;

/// <summary>
/// The compact image of one organization search-index partition (<see cref="IndexImage"/>): its entries and posting
/// lists, so a partition starts by reading one value and restoring its postings instead of parsing some 28,000
/// entries from 2,048 JSON pieces and computing every name's characters and bigrams again. Carries
/// <see cref="Format"/>: an image of another format is not read (the partition loads its stored pieces). Every field
/// of <see cref="OrganizationIndexEntry"/> is written; a field added to the entry, or a change to
/// <see cref="OrganizationIndex.Terms"/>, must be reflected here and <see cref="Format"/> raised. Pure.
/// </summary>
public static class OrganizationIndexSnapshot
{
    /// <summary>The layout of the image and of the terms its posting lists hold.</summary>
    public const int Format = 1;

    /// <summary>The version of the entries' shape the image was written with (its second header field).</summary>
    public const int EntryVersion = 1;

    /// <summary>The image of the partition's entries and postings.</summary>
    public static byte[] Write(OrganizationPartition partition)
    {
        using var writer = new IndexImageWriter();
        foreach (var (_, _, entry) in partition.Index.Documents())
        {
            WriteEntry(writer, entry);
            writer.EndDocument();
        }

        return writer.ToImage(Format, EntryVersion, partition.Index);
    }

    /// <summary>
    /// Restores <paramref name="partition"/> from an image <see cref="Write"/> made; false (the partition left empty)
    /// when the image is of another format, or damaged.
    /// </summary>
    public static bool TryRead(byte[] image, OrganizationPartition partition)
    {
        partition.Clear();
        return IndexImage.TryRead(image, Format, EntryVersion, ReadEntry, out var documents, out var postings)
            && partition.TryRestore(documents, postings);
    }

    private static void WriteEntry(IndexImageWriter w, OrganizationIndexEntry e)
    {
        w.Text(e.Uscc);
        w.Text(e.Name);
        // The normalised name is most often the name itself: then only a mark, not a second number.
        if (string.Equals(e.SearchName, e.Name, StringComparison.Ordinal))
        {
            w.Count(0);
        }
        else
        {
            w.Count(1);
            w.Text(e.SearchName);
        }

        w.Int((int)e.Kind);
        w.Text(e.RegisteringOffice);
        w.Int((int)e.Status);
        var listings = e.Listings ?? [];
        w.Count(listings.Count);
        foreach (var listing in listings)
        {
            w.Int((int)listing.List);
            w.Text(listing.Ground);
            w.Int(listing.Year);
            w.Day(listing.ListedOn);
        }

        w.Long(e.Revision);
        w.Text(e.SearchLegalRepresentative);
        w.Int(e.NextReportYear);
    }

    private static (string Key, long Revision, OrganizationIndexEntry Doc) ReadEntry(IndexImageReader r)
    {
        var uscc = r.Text()!;
        var name = r.Text()!;
        var searchName = r.Count() == 0 ? name : r.Text()!;
        var kind = (OrganizationKind)r.Int();
        var office = r.Text()!;
        var status = (OrganizationStatus)r.Int();
        var listings = new Listing[r.Count()];
        for (var i = 0; i < listings.Length; i++)
        {
            listings[i] = new Listing((OrganizationList)r.Int(), r.Text()!, r.IntOrNull(),
                r.Day() ?? throw new FormatException("A listing without its day."));
        }

        var revision = r.Long();
        var entry = new OrganizationIndexEntry(uscc, name, searchName, kind, office, status, listings, revision,
            r.Text()!, r.IntOrNull());
        return (uscc, revision, entry);
    }
}
