namespace Registry.Grains.Organizations;

/// <summary>
/// A filing window as configured: <see cref="Opens"/> and <see cref="Closes"/> are month-day pairs <c>MM-dd</c>
/// in the year after the report year, both inclusive. 02-29 is refused (it does not exist every year).
/// </summary>
public sealed class FilingWindowSetting
{
    public string Opens { get; set; } = "01-01";

    public string Closes { get; set; } = "05-31";
}
