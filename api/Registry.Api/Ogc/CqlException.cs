namespace Registry.Api.Ogc;

/// <summary>A filter that is not valid CQL2 (or names what the collection cannot be queried by);
/// <see cref="Position"/> says where: a character number from 1 (text) or a JSON path (JSON).</summary>
public sealed class CqlException(string position, string message) : Exception($"At {position}: {message}")
{
    public string Position => position;

    public string Reason => message;
}
