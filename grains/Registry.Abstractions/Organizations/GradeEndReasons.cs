namespace Registry.Abstractions.Organizations;

/// <summary>Why a grade ended before its five years (Measures for the Evaluation of Social Organizations).</summary>
public static class GradeEndReasons
{
    /// <summary>The organization was put on the serious-dishonesty list.</summary>
    public const string SeriousDishonestyList = "serious-dishonesty-list";

    /// <summary>The organization's registration was revoked.</summary>
    public const string RegistrationRevoked = "registration-revoked";

    /// <summary>The organization was deregistered.</summary>
    public const string Deregistered = "deregistered";
}
