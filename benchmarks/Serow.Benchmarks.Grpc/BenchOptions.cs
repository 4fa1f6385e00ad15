// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using Serow.Benchmarks.Grpc.Client;

namespace Serow.Benchmarks.Grpc;

/// <summary>Command-line options of the load client.</summary>
internal sealed record BenchOptions(
    IReadOnlyList<string> Scenarios, double Seconds, int Repetitions, double WarmUpSeconds, int Streams, IReadOnlyList<string> Sides, bool BufferWrites, bool Cross, bool Telemetry)
{
    public const string Usage =
        "usage: Serow.Benchmarks.Grpc [--scenario all|unary,server-stream,server-stream-intercepted,client-stream,ping-pong,ping-pong-intercepted,server-streams-100] [--seconds 3] " +
        "[--repetitions 5] [--warmup 1] [--streams 100] [--side both|serow|handwritten] [--buffer-writes true|false] [--cross true|false] [--telemetry true|false]";

    public static BenchOptions Parse(string[] args)
    {
        var scenarios = BenchRunner.Scenarios.ToList();
        var seconds = 3.0;
        var repetitions = 5;
        var warmUp = 1.0;
        var streams = 100;
        var sides = new List<string> { "serow", "handwritten" };
        var bufferWrites = true;
        var cross = false;
        var telemetry = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            i++;
            switch (args[i - 1])
            {
                case "--scenario":
                    scenarios = value == "all" ? scenarios : [.. value.Split(',')];
                    break;
                case "--seconds":
                    seconds = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--repetitions":
                    repetitions = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmUp = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--streams":
                    streams = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--side":
                    sides = value == "both" ? sides : [value];
                    break;
                case "--buffer-writes":
                    bufferWrites = bool.Parse(value);
                    break;
                case "--cross":
                    cross = bool.Parse(value);
                    break;
                case "--telemetry":
                    telemetry = bool.Parse(value);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i - 1]}.");
            }
        }

        if (scenarios.FirstOrDefault(s => !BenchRunner.Scenarios.Contains(s)) is { } unknown)
        {
            throw new ArgumentException($"Unknown scenario {unknown}.");
        }

        if (seconds <= 0 || seconds > 60 || repetitions < 1 || repetitions > 50)
        {
            throw new ArgumentException("--seconds must be in (0, 60] and --repetitions in [1, 50].");
        }

        return new BenchOptions(scenarios, seconds, repetitions, warmUp, streams, sides, bufferWrites, cross, telemetry);
    }
}
