namespace Registry.Abstractions.Marriages;

/// <summary>How a marriage entered from the archive ended before the registry went live, as its paper record shows.</summary>
[GenerateSerializer, Alias("Registry.Marriages.ArchivedEndKind")]
public enum ArchivedEndKind
{
    /// <summary>Divorce registered at a marriage registration office (离婚登记): the L certificate number, the office
    /// (a division code in force on that date) and the date.</summary>
    DivorceRegistration = 0,

    /// <summary>Divorce by a court's judgment or mediation statement: the case number, the court and the day it took
    /// effect.</summary>
    CourtDivorce = 1,

    /// <summary>A party's death: the death certificate's or household deregistration's reference, its issuer, the
    /// party and the day of death. The survivor is widowed.</summary>
    Death = 2,

    /// <summary>Annulment or voidness by a court's judgment: the case number, the court and the judgment's date.</summary>
    Annulment = 3,
}
