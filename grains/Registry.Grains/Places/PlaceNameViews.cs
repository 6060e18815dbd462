using System.Globalization;
using System.Text;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>Maps stored state to the records that cross the grain boundary. Pure.</summary>
public static class PlaceNameViews
{
    /// <summary>The record as of <paramref name="today"/>: the name, spelling and status in force that day.</summary>
    public static PlaceNameDetails Details(PlaceNameState s, DateOnly today)
    {
        var place = new PlaceName(s);
        var current = place.NameOn(today);
        var status = place.StatusOn(today);
        return new PlaceNameDetails(s.Id, current.Name, current.Romanization, s.Category, s.DivisionCode, s.Geometry,
            s.Meaning, s.LocationDescription, status, s.ApprovingAuthority, s.ApprovedOn, s.AnnouncedOn,
            status == PlaceNameStatus.Abolished ? s.AbolishedOn : null, s.ProposedOn, s.Names.ToList(), s.External,
            s.Revision)
        {
            RomanizationLanguage = place.LanguageOn(today),
            Changes = s.Changes.Select(c => Change(c, today)).ToList(),
            Aliases = s.Aliases.ToList(),
            AsOf = today,
            Code = s.Code,
            Flags = s.Flags.ToList(),
            CharacterFlags = s.CharacterFlags.ToList(),
        };
    }

    public static PlaceNameChange Change(PlaceNameChangeState c, DateOnly today) => new(c.Number, c.Kind, c.Name,
        c.Romanization, c.RomanizationLanguage, c.EffectiveDate, c.Reason, c.Status, c.ProposedOn,
        c.ApprovingAuthority, c.ApprovedOn, c.AnnouncedOn, c.RejectedOn, c.RejectionReasons, c.InForceOn(today));

    /// <summary>The search entry as of <paramref name="today"/>: the name in force, the aliases and the names borne
    /// before it (former names, with their spellings), and the day it must be computed again
    /// (<see cref="PlaceNameIndexEntry.RefreshOn"/>).</summary>
    public static PlaceNameIndexEntry IndexEntry(PlaceNameState s, DateOnly today)
    {
        var place = new PlaceName(s);
        var current = place.NameOn(today);
        // A recorded name may have no geometry (the official lists hold none): its point and envelope are NaN, so
        // box and nearest queries pass it by (no comparison with NaN holds) while name queries find it.
        var geometry = s.Geometry.Length == 0 ? null : PlaceGeometry.Read(s.Geometry);
        var anchor = geometry is null ? new NetTopologySuite.Geometries.Coordinate(double.NaN, double.NaN) : PlaceGeometry.Anchor(geometry);
        var (minX, minY, maxX, maxY) = geometry?.EnvelopeInternal is { } envelope
            ? (envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY)
            : (double.NaN, double.NaN, double.NaN, double.NaN);
        var former = s.Names.Where(n => !ReferenceEquals(n, current) && (n.ValidFrom is null || n.ValidFrom <= today))
            .ToList();
        var historical = former.Select(n => SearchText(n.Name)).Distinct().ToList();
        return new PlaceNameIndexEntry(s.Id, current.Name, current.Romanization, SearchText(current.Name),
            SearchText(current.Romanization), historical, s.Category, s.DivisionCode, place.StatusOn(today), anchor.X,
            anchor.Y, minX, minY, maxX, maxY, s.LocationDescription,
            s.ApprovingAuthority, s.ApprovedOn, s.AnnouncedOn, s.External?.Source, s.External?.SourceId, s.Revision)
        {
            RefreshOn = place.NextChangeAfter(today),
            AliasSearchNames = s.Aliases.Select(SearchText).ToList(),
            OtherNames = s.Aliases
                .Select(a => new PlaceNameIndexName(a, "", SearchText(a), "", PlaceNameMatchKind.Alias))
                .Concat(former.Select(n => new PlaceNameIndexName(n.Name, n.Romanization, SearchText(n.Name),
                    SearchText(n.Romanization), PlaceNameMatchKind.Former)))
                .DistinctBy(n => (n.Name, n.Romanization, n.Kind))
                .ToList(),
        };
    }

    /// <summary>Text normalised for fragment search: compatibility forms folded (full-width letters and digits as
    /// ASCII), lower case, no diacritics, no spaces and no punctuation (apostrophes, hyphens, the brackets of a
    /// qualifier, 、), so 中国矿业大学（北京）社区 is found by 中国矿业大学北京社区 and "Beijing Shequ".</summary>
    public static string SearchText(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var kind = CharUnicodeInfo.GetUnicodeCategory(c);
            if (kind is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpaceSeparator
                    or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
                    or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                    or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                    or UnicodeCategory.OtherPunctuation
                || c is '\'' or '\u2019' or '-' or '.' or ' ')
            {
                continue;
            }

            kept.Append(char.ToLowerInvariant(c));
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
