namespace Registry.Grains.Marriages;

/// <summary>
/// The <c>Registry:Marriages</c> section. <see cref="DesignatedOffices"/>: the offices a province designates, besides
/// its civil-affairs department (the province's own code, XX0000, always designated), to register marriages in which
/// a party is not a mainland resident (Marriage Registration Regulations 2025, art. 2).
/// </summary>
public sealed class MarriageOfficeOptions
{
    public const string Section = "Registry:Marriages";

    /// <summary>6-digit division codes of the further designated offices.</summary>
    public List<string> DesignatedOffices { get; set; } = [];

    /// <summary>Whether <paramref name="office"/> registers marriages with a party who is not a mainland
    /// resident.</summary>
    public bool IsDesignated(string office) =>
        office.EndsWith("0000", StringComparison.Ordinal) || DesignatedOffices.Contains(office, StringComparer.Ordinal);

    /// <summary>The entries that are not 6-digit codes; empty when the section is usable.</summary>
    public IEnumerable<string> Problems() =>
        DesignatedOffices.Where(o => o is not { Length: 6 } || o.Any(c => !char.IsAsciiDigit(c)));
}
