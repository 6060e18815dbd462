namespace Registry.Abstractions.Organizations;

/// <summary>What is wrong with a Unified Social Credit Code, as found by <see cref="UnifiedSocialCreditCode"/>.</summary>
[GenerateSerializer, Alias("Registry.Organizations.UsccDefect")]
public enum UsccDefect
{
    /// <summary>Not 18 characters of the GB 32100 character set.</summary>
    Format = 0,

    /// <summary>Position 1 is not 5 (civil affairs).</summary>
    RegistrationAuthority = 1,

    /// <summary>Position 2 is not the type digit of the organization's kind.</summary>
    KindMismatch = 2,

    /// <summary>Position 18 is not the check character computed over positions 1-17.</summary>
    CheckCharacter = 3,
}
