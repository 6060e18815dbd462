namespace Registry.Abstractions.Organizations;

/// <summary>
/// Registrar decision taking the organization off <see cref="List"/> today, closing every entry it has there;
/// <see cref="Ground"/> states what was verified (abnormal) or the application (serious dishonesty).
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.RemoveFromList")]
public sealed record RemoveFromList(
    [property: Id(0)] OrganizationList List,
    [property: Id(1)] string Ground);
