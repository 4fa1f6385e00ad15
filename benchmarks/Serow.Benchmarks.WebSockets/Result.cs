// Licensed under the MIT license. See LICENSE in the project root.

/// <summary>The median of one scenario on one transport.</summary>
internal sealed record Result(double PerSecond, double ServerBytesPerMessage, double P50Micros, double P99Micros, double ServerCpuMicros, double ClientCpuMicros, double ServerWorkItems, double ClientWorkItems);
