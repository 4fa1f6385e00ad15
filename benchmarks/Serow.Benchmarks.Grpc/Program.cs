// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Benchmarks.Grpc;
using Serow.Benchmarks.Grpc.Client;
using Serow.Benchmarks.Grpc.Server;

if (args.Contains("--server"))
{
    return await BenchServers.RunAsync(telemetry: args.Contains("--telemetry"));
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var server = await ServerProcess.StartAsync(options.Telemetry);
var clientOptions = new Serow.Grpc.SerowGrpcClientOptions { BufferWrites = options.BufferWrites };
List<IBenchSide> sides = [];
if (options.Sides.Contains("serow"))
{
    sides.Add(new SerowSide(new Uri($"http://127.0.0.1:{server.SerowPort}"), clientOptions));
}

if (options.Sides.Contains("handwritten"))
{
    sides.Add(new HandWrittenSide(new Uri($"http://127.0.0.1:{server.HandWrittenPort}")));
}

if (options.Cross)
{
    // Each client against the other server, to tell which side a difference comes from.
    sides.Add(new SerowSide(new Uri($"http://127.0.0.1:{server.HandWrittenPort}"), clientOptions, "Serow client, hand-written server"));
    sides.Add(new HandWrittenSide(new Uri($"http://127.0.0.1:{server.SerowPort}"), "hand-written client, Serow server"));
}

var results = await new BenchRunner(server, sides, options).RunAsync();
Console.WriteLine();
Console.WriteLine(BenchRunner.Table(results));
foreach (var side in sides)
{
    await side.DisposeAsync();
}

return 0;
