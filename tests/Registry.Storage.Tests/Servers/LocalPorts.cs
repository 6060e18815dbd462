using System.Net;
using System.Net.Sockets;

namespace Registry.Storage.Tests.Servers;

/// <summary>
/// TCP ports on 127.0.0.1 for the servers tests start (the API, silos, PostgreSQL, Redis, Azurite). Shared as source
/// by every test project, so all choose ports the same way.
/// </summary>
public static class LocalPorts
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Free() => Free(1)[0];

    /// <summary>
    /// <paramref name="count"/> different ports that were free a moment ago. Each is held until all are chosen: the
    /// system may hand out a port it has just taken back, so ports chosen one after another for the servers of one
    /// start can repeat (a cluster test once gave its API the port of one of its silos).
    /// </summary>
    public static int[] Free(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
