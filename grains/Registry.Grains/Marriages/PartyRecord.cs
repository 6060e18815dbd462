using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Marriages;

/// <summary>A party as recorded at registration; never edited (court corrections are kept separately).
/// <see cref="IdNumber"/> is the key of the document they presented (<see cref="IdentityDocument.Key"/>).</summary>
public sealed class PartyRecord
{
    public string IdNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public string Nationality { get; set; } = "";

    /// <summary>The type of the document <see cref="IdNumber"/> (its key) names.</summary>
    public IdentityDocumentType DocumentType { get; set; }

    /// <summary>As the document records it, or as entered where it does not; null on records stored before
    /// documents other than the resident ID were accepted (then the ID number carries it).</summary>
    public Sex? Sex { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>The party's marital status when the marriage was registered (<see cref="PriorStatusRules"/>); null on
    /// records stored before it was recorded, and never guessed for them.</summary>
    public PriorMaritalStatus? PriorStatus { get; set; }
}
