using System.Globalization;

namespace Registry.Abstractions.Marriages;

/// <summary>
/// Divorce application ids (the receipt number): the marriage id, "-", and the application's sequence number within
/// that marriage, e.g. <c>0199c3...e1-1</c>. An application only ever concerns one marriage and lives in that
/// marriage's record, so its id says where it is.
/// </summary>
public static class DivorceApplicationId
{
    public static string Format(string marriageId, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{marriageId}-{sequence}");

    public static bool TryParse(string? id, out string marriageId, out int sequence)
    {
        marriageId = "";
        sequence = 0;
        var dash = id?.LastIndexOf('-') ?? -1;
        if (dash != MarriageId.Length
            || !MarriageId.IsWellFormed(id![..dash])
            || !int.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            || sequence < 1)
        {
            sequence = 0;
            return false;
        }

        marriageId = id[..dash];
        return true;
    }
}
