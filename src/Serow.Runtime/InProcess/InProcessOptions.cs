// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.InProcess;

/// <summary>Settings of the in-process transport.</summary>
public sealed class InProcessOptions
{
    private readonly int _streamCapacity = 16;

    /// <summary>The options used when none are given: 16 messages buffered per direction.</summary>
    public static InProcessOptions Default { get; } = new();

    /// <summary>
    /// How many messages each direction of a stream buffers before a sender waits for the reader (backpressure).
    /// At least 1; defaults to 16.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int StreamCapacity
    {
        get => _streamCapacity;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _streamCapacity = value;
        }
    }

    /// <summary>The credentials of calls to secured methods (as a network client would send them); none when null.</summary>
    public Security.CallCredentials? Credentials { get; init; }

    /// <summary>
    /// Checks calls to secured methods: the server's (resolve <see cref="Security.ICallAuthorizer"/> from the services
    /// of a host that serves gRPC or HTTP, to apply its ASP.NET Core authentication), or
    /// <see cref="Security.CallAuthorizers.Trust"/>. When null, calls to secured methods are refused with
    /// <see cref="Security.UnauthenticatedError"/>.
    /// </summary>
    public Security.ICallAuthorizer? Authorizer { get; init; }
}
