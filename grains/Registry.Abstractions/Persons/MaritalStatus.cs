namespace Registry.Abstractions.Persons;

/// <summary>A person's marital status as derived from the marriage records that name them.</summary>
[GenerateSerializer, Alias("Registry.Persons.MaritalStatus")]
public enum MaritalStatus
{
    /// <summary>No marriage recorded (annulled marriages do not count: they are void from the start).</summary>
    Single = 0,

    Married = 1,
    Divorced = 2,

    /// <summary>The last marriage ended by the other party's death or declaration of death.</summary>
    Widowed = 3,

    /// <summary>This person was declared dead by a court (and the declaration is not revoked): cannot
    /// marry.</summary>
    DeclaredDead = 4,

    /// <summary>This person died (death certificate or household deregistration recorded on their
    /// marriage).</summary>
    Deceased = 5,
}
