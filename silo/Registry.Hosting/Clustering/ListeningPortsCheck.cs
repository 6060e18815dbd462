using System.Net;
using System.Net.Sockets;
using Orleans.Runtime;
using Registry.Hosting.Configuration;

namespace Registry.Hosting.Clustering;

/// <summary>
/// Fails a silo's start, before Orleans opens any listener, when its silo port or gateway port is already taken on
/// this machine (another silo started with the same settings, or any other program). Orleans' listeners allow a
/// port to be shared with another process (address reuse), and two silos sharing a port would split connections
/// between them: this check makes the second one stop with a message naming the port and its configuration key.
/// The probe binds each port without address reuse (a new socket's default), which the kernel refuses whenever
/// anything listens there.
/// </summary>
internal sealed class ListeningPortsCheck(RegistryClusteringOptions clustering)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ListeningPortsCheck), ServiceLifecycleStage.First, _ =>
        {
            Check();
            return Task.CompletedTask;
        });

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first configured port in use.</summary>
    public void Check()
    {
        var address = ListeningAddress(clustering);
        Probe(address, clustering.SiloPort, "Registry:Clustering:SiloPort");
        if (clustering.GatewayPort > 0)
        {
            Probe(address, clustering.GatewayPort, "Registry:Clustering:GatewayPort");
        }
    }

    /// <summary>Where the silo will listen: loopback with localhost clustering, else the advertised address or all.</summary>
    internal static IPAddress ListeningAddress(RegistryClusteringOptions clustering) =>
        clustering.Provider == ClusteringProvider.Localhost ? IPAddress.Loopback
        : string.IsNullOrWhiteSpace(clustering.AdvertisedIPAddress) ? IPAddress.Any
        : IPAddress.Parse(clustering.AdvertisedIPAddress);

    private static void Probe(IPAddress address, int port, string key)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new InvalidOperationException(
                $"{key}={port}: port {port} on {address} is already in use (another silo on this machine with the " +
                $"same ports, or another program). Give each silo its own ports ({key}), or stop the other one.", e);
        }
    }
}
