using System.Diagnostics;

namespace Registry.Storage.Tests.Servers;

/// <summary>
/// Azurite's Table service (the Azure Storage emulator, npm package <c>azurite</c> installed in tests/.tools) on a
/// free port of 127.0.0.1, keeping its data in memory; killed on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    // Azurite's documented development account; it guards nothing but the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? process;

    public int Port { get; } = LocalPorts.Free();

    private string LogPath { get; } = Path.Combine(Path.GetTempPath(), $"registry-azurite-{Guid.NewGuid():N}.log");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{Port}/{AccountName};";

    public async ValueTask InitializeAsync()
    {
        var azurite = await Prerequisites.AzuriteTableAsync();
        process = ExternalProcess.StartBackground(azurite,
        [
            "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(),
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent",
        ], LogPath);
        await ExternalProcess.WaitForPortAsync(Port, TimeSpan.FromSeconds(60), process, "Azurite", LogPath);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            process = null;
        }

        File.Delete(LogPath);
    }
}
