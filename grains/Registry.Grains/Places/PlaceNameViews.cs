using System.Globalization;
using System.Text;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>Maps stored state to the records that cross the grain boundary. Pure.</summary>
public static class PlaceNameViews
{
    public static PlaceNameDetails Details(PlaceNameState s) => new(s.Id, s.Name, s.Romanization, s.Category,
        s.DivisionCode, s.Geometry, s.Meaning, s.LocationDescription, s.Status, s.ApprovingAuthority, s.ApprovedOn,
        s.AnnouncedOn, s.AbolishedOn, s.ProposedOn, s.Names.ToList(), s.External, s.Revision)
    {
        RomanizationLanguage = s.RomanizationLanguage,
    };

    public static PlaceNameIndexEntry IndexEntry(PlaceNameState s)
    {
        var geometry = PlaceGeometry.Read(s.Geometry);
        var anchor = PlaceGeometry.Anchor(geometry);
        var envelope = geometry.EnvelopeInternal;
        var historical = s.Names.Take(s.Names.Count - 1).Select(n => SearchText(n.Name)).ToList();
        return new PlaceNameIndexEntry(s.Id, s.Name, s.Romanization, SearchText(s.Name), SearchText(s.Romanization),
            historical, s.Category, s.DivisionCode, s.Status, anchor.X, anchor.Y, envelope.MinX, envelope.MinY,
            envelope.MaxX, envelope.MaxY, s.LocationDescription, s.ApprovingAuthority, s.ApprovedOn, s.AnnouncedOn,
            s.External?.Source, s.External?.SourceId, s.Revision);
    }

    /// <summary>Text normalised for fragment search: lower case, no diacritics, no spaces, apostrophes or hyphens.</summary>
    public static string SearchText(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var kind = CharUnicodeInfo.GetUnicodeCategory(c);
            if (kind is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpaceSeparator
                || c is '\'' or '\u2019' or '-' or '.' or ' ')
            {
                continue;
            }

            kept.Append(char.ToLowerInvariant(c));
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }
}
