namespace Registry.Abstractions.Organizations;

/// <summary>Who files or corrects an annual report: the organization for itself, or its registrar.</summary>
[GenerateSerializer, Alias("Registry.Organizations.ReportFiler")]
public enum ReportFiler
{
    Organization = 0,
    Registrar = 1,
}
