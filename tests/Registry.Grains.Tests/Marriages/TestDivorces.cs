using Registry.Abstractions.Marriages;

namespace Registry.Grains.Tests.Marriages;

/// <summary>Divorce commands as a registrar enters them when both parties come in person, each with the document
/// they were registered with; tests change one party's entry to see a refusal.</summary>
public static class TestDivorces
{
    public static readonly DivorceAgreementContents Complete = new(true, true, true, true);

    public static DivorceApplicant Applicant(string documentKey) =>
        new(documentKey, true, true, new DivorceDeclarations(true, true));

    public static ApplyForDivorce Application(string office, string a, string b, string agreement = "离婚协议书 (test)") =>
        new(office, agreement, [Applicant(a), Applicant(b)], Complete);

    public static DivorceAppearance Appearance(string documentKey) => new(documentKey, true, true);

    public static RegisterDivorce Registration(string office, string a, string b) =>
        new(office, [Appearance(a), Appearance(b)]);
}
