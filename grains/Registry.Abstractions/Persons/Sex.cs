namespace Registry.Abstractions.Persons;

/// <summary>Sex as recorded in a resident ID number: an odd sequence code is male, an even one female.</summary>
[GenerateSerializer, Alias("Registry.Persons.Sex")]
public enum Sex
{
    Female = 0,
    Male = 1,
}
