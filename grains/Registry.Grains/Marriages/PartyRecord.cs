namespace Registry.Grains.Marriages;

/// <summary>A party as recorded at registration; never edited (court corrections are kept separately).</summary>
public sealed class PartyRecord
{
    public string IdNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public string Nationality { get; set; } = "";
}
