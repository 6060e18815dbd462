namespace Registry.Abstractions.Persons;

/// <summary>What an entry of a person record's history says happened to the person's documents.</summary>
[GenerateSerializer, Alias("Registry.Persons.PersonEventKind")]
public enum PersonEventKind
{
    /// <summary>This record's document was linked to the person recorded under the entry's document, which took this
    /// record's marriage records and documents.</summary>
    LinkedTo = 0,

    /// <summary>The entry's document, with the marriage records naming it, joined this person's record.</summary>
    DocumentLinked = 1,

    /// <summary>The link of this record's document to the person recorded under the entry's document was undone:
    /// this record took back the marriage records naming its documents.</summary>
    UnlinkedFrom = 2,

    /// <summary>The link of the entry's document to this person was undone: it left with the marriage records naming
    /// it.</summary>
    DocumentUnlinked = 3,
}
