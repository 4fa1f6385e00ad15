// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen.Grpc;

/// <summary>Fully qualified names of the gRPC framework and runtime types generated glue refers to.</summary>
internal static class GrpcKnownTypes
{
    public const string ServerCallContext = "global::Grpc.Core.ServerCallContext";
    public const string StatusCode = "global::Grpc.Core.StatusCode";
    public const string AsyncStreamReader = "global::Grpc.Core.IAsyncStreamReader";
    public const string ServerStreamWriter = "global::Grpc.Core.IServerStreamWriter";
    public const string CallInvoker = "global::Grpc.Core.CallInvoker";
    public const string GrpcChannel = "global::Grpc.Net.Client.GrpcChannel";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string Dictionary = "global::System.Collections.Generic.Dictionary";
    public const string OptionsMonitor = "global::Microsoft.Extensions.Options.IOptionsMonitor";
    public const string ServiceCollection = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string EndpointRouteBuilder = "global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
    public const string GrpcEndpointConventionBuilder = "global::Microsoft.AspNetCore.Builder.GrpcServiceEndpointConventionBuilder";
    public const string MapGrpcService = "global::Microsoft.AspNetCore.Builder.GrpcEndpointRouteBuilderExtensions.MapGrpcService";
    public const string Action = "global::System.Action";
    public const string NotSupportedException = "global::System.NotSupportedException";
    public const string Enumerable = "global::System.Linq.Enumerable";

    public const string Options = "global::Serow.Grpc.SerowGrpcOptions";
    public const string ClientOptions = "global::Serow.Grpc.SerowGrpcClientOptions";
    public const string Server = "global::Serow.Grpc.SerowGrpcServer";
    public const string UnaryMethod = "global::Serow.Grpc.GrpcUnaryMethod";
    public const string StreamMethod = "global::Serow.Grpc.GrpcStreamMethod";
    public const string ServerInvoker = "global::Serow.Grpc.GrpcServerInvoker";
    public const string ClientInvoker = "global::Serow.Grpc.GrpcClientInvoker";
    public const string RequestMetadata = "global::Serow.Grpc.GrpcMetadata";
    public const string Metadata = "global::Grpc.Core.Metadata";
}
