// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Serow.Benchmarks.ScaleOut;

/// <summary>The Redis of the run: one given as host:port, or a redis-server started on a free port ("start").</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _directory;

    private RedisProcess(string address, Process? process, string? directory)
    {
        Address = address;
        _process = process;
        _directory = directory;
    }

    public string Address { get; }

    public static async Task<RedisProcess> StartOrUseAsync(string argument)
    {
        if (argument != "start")
        {
            return new RedisProcess(argument, null, null);
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var directory = Directory.CreateTempSubdirectory("serow-bench-redis").FullName;
        var process = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return new RedisProcess($"127.0.0.1:{port}", process, directory);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
