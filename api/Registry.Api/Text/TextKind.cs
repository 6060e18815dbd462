namespace Registry.Api.Text;

/// <summary>What a string field of a request holds, which decides the characters and length it may have.</summary>
public enum TextKind
{
    /// <summary>A name, code, number or other one-line value: no control, format, private-use, unassigned or
    /// line-separator characters.</summary>
    Line = 0,

    /// <summary>Prose written by a person (reason, meaning, findings): as a line, but tab, line feed and carriage
    /// return are allowed, and the zero-width (non-)joiners that some scripts need inside words.</summary>
    FreeText = 1,

    /// <summary>A person's name as an identity document holds it: Han characters with the middle dot between the parts
    /// of a transliterated name, or Latin letters with spaces, hyphens, apostrophes and full stops.</summary>
    PersonName = 2,
}
