namespace Registry.Grains.Marriages;

/// <summary>Whether a marriage grain holds a record.</summary>
public enum MarriageRecordStatus
{
    /// <summary>Nothing stored under this id.</summary>
    None = 0,

    Registered = 1,

    /// <summary>A registration under this id failed or was cut short; it can never commit.</summary>
    Aborted = 2,
}
