// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;

namespace Serow.Codegen;

/// <summary>
/// What a transport's generators tell the transport-neutral ones (the command-line client, the example scaffold) about
/// the code they write and how it is hosted, so that those never name a transport themselves. Each transport
/// generator publishes one (for example <c>GrpcGenerator.Binding</c>).
/// </summary>
public sealed record TransportBinding
{
    /// <summary>The transport's display name, for example <c>gRPC</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The member of <c>Serow.CommandLine.CliTransport</c> that selects the transport.</summary>
    public required string CliTransport { get; init; }

    /// <summary>Whether the transport serves (and its generated client calls) a method.</summary>
    public required Func<MethodDesign, bool> Serves { get; init; }

    /// <summary>The suffix of the generated names: <c>&lt;Service&gt;&lt;Suffix&gt;Client</c>, <c>Add&lt;Service&gt;&lt;Suffix&gt;</c>, <c>Map&lt;Service&gt;&lt;Suffix&gt;</c>.</summary>
    public required string Suffix { get; init; }

    /// <summary>The arguments the command-line client passes to the generated client's constructor, given a <c>CliCall call</c>.</summary>
    public required string CliClientArguments { get; init; }

    /// <summary>The runtime project the transport's generated code needs (a folder of Serow's <c>src/</c>).</summary>
    public required string RuntimeProject { get; init; }

    /// <summary>Packages a project compiling the generated code needs (for example a code generator run at build), with the version to use when none is known.</summary>
    public IReadOnlyList<(string Package, string DefaultVersion)> BuildPackages { get; init; } = [];

    /// <summary>MSBuild items (over <c>$(SerowGen)</c>, the generated folder) a project compiling the generated code needs.</summary>
    public IReadOnlyList<string> ProjectItems { get; init; } = [];

    /// <summary>The configuration key of the example server's port for this transport, for example <c>GrpcPort</c>.</summary>
    public required string PortSetting { get; init; }

    /// <summary>The example server's default port for this transport.</summary>
    public required int DefaultPort { get; init; }

    /// <summary>The Kestrel <c>HttpProtocols</c> member the transport listens with.</summary>
    public required string Protocols { get; init; }

    /// <summary>A comment on the example server's listener, saying what it serves.</summary>
    public required string ListenComment { get; init; }
}
