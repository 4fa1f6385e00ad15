// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Grpc.Protobuf;

/// <summary>
/// The message a payload, streamed value or result that is not an object travels in (a string, a number, an array, a
/// map): one field, number 1. gRPC needs a class per message; this is it.
/// </summary>
/// <typeparam name="T">The Serow type of the value.</typeparam>
/// <param name="value">The value.</param>
public sealed class ProtoWrapper<T>(T value)
{
    /// <summary>The value.</summary>
    public T Value { get; } = value;
}
