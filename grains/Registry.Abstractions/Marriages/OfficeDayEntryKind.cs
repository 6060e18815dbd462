namespace Registry.Abstractions.Marriages;

/// <summary>What an entry of an office's register stands for.</summary>
[GenerateSerializer, Alias("Registry.Marriages.OfficeDayEntryKind")]
public enum OfficeDayEntryKind
{
    /// <summary>A marriage registered (J certificate) on the day.</summary>
    Registration = 0,

    /// <summary>A divorce registered (L certificate) on the day.</summary>
    DivorceRegistration = 1,

    /// <summary>A record from the archive (补录) entered on the day, under the office it was registered at.</summary>
    ArchiveEntry = 2,

    /// <summary>A certificate replaced (BJ or BL) on the day.</summary>
    CertificateReplacement = 3,

    /// <summary>A divorce application whose window to appear opens on the day (the day after its cooling-off
    /// ends).</summary>
    DivorceApplicationDue = 4,
}
