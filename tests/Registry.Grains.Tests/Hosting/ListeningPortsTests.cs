using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Registry.Hosting;
using Registry.Storage.Tests.Servers;

namespace Registry.Grains.Tests.Hosting;

/// <summary>Two silos on one machine that want the same ports: the second fails its start, naming port and key.</summary>
public sealed class ListeningPortsTests
{
    private static IHost Silo(int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:DataDirectory"] = Path.Combine(Path.GetTempPath(), "registry-ports-" + Guid.NewGuid()),
            ["Registry:Seed:Divisions"] = "false",
            ["Registry:Clustering:SiloPort"] = siloPort.ToString(),
            ["Registry:Clustering:GatewayPort"] = gatewayPort.ToString(),
        });
        builder.UseOrleans(silo => silo.AddRegistrySilo(builder.Configuration));
        return builder.Build();
    }

    /// <summary>The messages of an exception and its inner exceptions (Orleans wraps a failed lifecycle stage).</summary>
    private static string Messages(Exception? e)
    {
        var messages = new List<string>();
        for (; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    [Fact]
    public async Task SecondSiloOnTheSamePorts_FailsItsStart_NamingThePortAndItsKey()
    {
        var ports = LocalPorts.Free(2);
        var (siloPort, gatewayPort) = (ports[0], ports[1]);
        using var first = Silo(siloPort, gatewayPort);
        await first.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            using var second = Silo(siloPort, gatewayPort);
            var error = await Assert.ThrowsAnyAsync<Exception>(() =>
                second.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains($"Registry:Clustering:SiloPort={siloPort}", Messages(error));
        }
        finally
        {
            await first.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task GatewayPortTakenByAnotherProgram_FailsTheStart_NamingTheGatewayKey()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;
        using var silo = Silo(LocalPorts.Free(), taken);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"Registry:Clustering:GatewayPort={taken}", Messages(error));
    }

    [Fact]
    public void SamePortForSiloAndGateway_IsRefusedWhenTheHostIsBuilt()
    {
        var port = LocalPorts.Free();

        var error = Assert.ThrowsAny<Exception>(() => Silo(port, port));

        Assert.Contains("Registry:Clustering:SiloPort and Registry:Clustering:GatewayPort are both", Messages(error));
    }
}
