// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Serow.Http.Tests.Sse;
using Streams.Files;

namespace Serow.Http.Tests.RawBodies;

/// <summary>
/// Large raw bodies through the generated client and service do not grow the (shared client and server) process's
/// managed heap: the bodies are streamed, never buffered. A memory bound, not a speed assertion. The size is 256 MiB
/// each way; SEROW_RAW_BODY_MIB overrides it (the report's 1 GiB run).
/// </summary>
[Collection(MemoryMeasurement.Name)]
public sealed class RawBodyMemoryTests(ITestOutputHelper output)
{
    private const long MaxHeapGrowth = 64L * 1024 * 1024;

    [Fact]
    public async Task UploadAndDownload_LargeBodies_KeepTheManagedHeapBounded()
    {
        // Arrange
        var mib = long.TryParse(Environment.GetEnvironmentVariable("SEROW_RAW_BODY_MIB"), out var configured) ? configured : 256;
        var size = mib * 1024 * 1024;
        await using var host = await StreamsHost.StartAsync(new FeedService(), new FilesService());
        using var http = host.CreateClient();
        http.Timeout = TimeSpan.FromMinutes(5);
        var client = new FilesHttpClient(http);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(mib <= 256 ? 60 : 300));
        await client.DownloadAsync(new DownloadPayload { Size = 1 }, deadline.Token); // warm up the connection and JIT

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baselineInfo = GC.GetGCMemoryInfo();
        var baseline = baselineInfo.HeapSizeBytes;
        var baselineCommitted = baselineInfo.TotalCommittedBytes;
        var baselineWorkingSet = Environment.WorkingSet;
        long peakHeap = baseline, peakCommitted = baselineCommitted, peakWorkingSet = baselineWorkingSet;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                var info = GC.GetGCMemoryInfo();
                peakHeap = Math.Max(peakHeap, Math.Max(GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes));
                peakCommitted = Math.Max(peakCommitted, info.TotalCommittedBytes);
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                await Task.Delay(10, CancellationToken.None);
            }
        }, CancellationToken.None);

        // Act
        var watch = Stopwatch.StartNew();
        var uploaded = await client.UploadAsync(new UploadPayload { Name = "big.bin", ContentType = "application/x-unchecked" }, new PatternStream(size), deadline.Token);
        var uploadTime = watch.Elapsed;
        long downloaded;
        await using (var body = await client.DownloadAsync(new DownloadPayload { Size = size }, deadline.Token))
        {
            downloaded = await CountAsync(body, deadline.Token);
        }

        var total = watch.Elapsed;
        await stopSampling.CancelAsync();
        await sampler;

        // Assert
        static string MiB(long bytes) => (bytes / 1048576.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MiB";
        var growth = peakHeap - baseline;
        var committedGrowth = peakCommitted - baselineCommitted;
        output.WriteLine($"{mib} MiB up in {uploadTime.TotalSeconds:F1} s, down in {(total - uploadTime).TotalSeconds:F1} s; " +
            $"managed heap {MiB(baseline)} -> peak {MiB(peakHeap)} (growth {MiB(growth)}); " +
            $"GC committed {MiB(baselineCommitted)} -> peak {MiB(peakCommitted)} (growth {MiB(committedGrowth)}); " +
            $"working set {MiB(baselineWorkingSet)} -> peak {MiB(peakWorkingSet)}");
        Assert.Equal(size, uploaded.Bytes);
        Assert.Equal(size, downloaded);
        // The peak heap also counts garbage not yet collected, so the bound is on what the GC keeps committed.
        Assert.True(committedGrowth < MaxHeapGrowth, $"the GC's committed memory grew by {MiB(committedGrowth)} while streaming {mib} MiB each way");
    }

    private static async Task<long> CountAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}

/// <summary>Tests that measure the process's memory run alone: other tests in the process would allocate too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement";
}
