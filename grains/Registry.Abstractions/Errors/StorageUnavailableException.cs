namespace Registry.Abstractions.Errors;

/// <summary>
/// The grain-state store could not take a write (disk full, I/O error, database unreachable): nothing of the call was
/// stored, and the grain that tried is deactivated so that no unstored change stays in memory. Carried across the
/// Orleans boundary; the API answers it 503 <c>storage-unavailable</c> with a Retry-After.
/// </summary>
[GenerateSerializer, Alias("Registry.Errors.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
