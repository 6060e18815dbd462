using Registry.Abstractions.Organizations;

namespace Registry.Grains.Tests.Organizations;

/// <summary>Registration commands for grain tests: a fresh valid code and a unique name in a real county.</summary>
public static class Registration
{
    public static RegisterOrganization Valid(string? office = null, OrganizationKind kind = OrganizationKind.SocialAssociation,
        string? name = null, int foundedYear = 2018)
    {
        office ??= TestCodes.AnyCounty();
        var serial = TestCodes.NextSerial();
        return new RegisterOrganization(TestCodes.Uscc(kind, office, serial), name ?? $"城市志愿服务协会{serial}", kind,
            office, "共青团委员会", "赵六", "人民路8号", "志愿服务、培训交流", 50_000m, new DateOnly(foundedYear, 6, 1), null);
    }
}
