// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Emitters;
using Serow.Codegen.Grpc.Model;
using Serow.Codegen.Model;
using Serow.Codegen.Writing;

namespace Serow.Codegen.Grpc.Emitters;

/// <summary>Prints the hosting extensions of a gRPC service: <c>services.Add&lt;Service&gt;Grpc()</c> and <c>app.Map&lt;Service&gt;Grpc()</c>.</summary>
internal static class HostingEmitter
{
    // public static class <Service>GrpcServiceCollectionExtensions
    // {
    //     public static IServiceCollection Add<Service>Grpc(this IServiceCollection services, Action<SerowGrpcOptions>? configure = null) => SerowGrpcServer.AddService<…>(…);
    // }
    public static GeneratedFile EmitServices(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{file.Service.Name}GrpcServiceCollectionExtensions.g.cs", "Microsoft.Extensions.DependencyInjection", "services", writer =>
        {
            var service = file.Service;
            writer.Summary($"Registers the gRPC service of \"{service.Design.Name}\".");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public static class {service.Name}GrpcServiceCollectionExtensions");
            writer.Summary($"Adds grpc-dotnet and the gRPC service of \"{service.Design.Name}\"; register the implementation of {service.Interface} yourself.");
            writer.Param("services", "The service collection.");
            writer.Param("configure", "Configures size limits, compression, keepalive and error details; null for the defaults.");
            writer.Returns("The service collection, for chaining.");
            writer.Line($"public static {GrpcKnownTypes.ServiceCollection} Add{service.Name}Grpc(this {GrpcKnownTypes.ServiceCollection} services, {GrpcKnownTypes.Action}<{GrpcKnownTypes.Options}>? configure = null) =>");
            var server = $"global::{service.Namespace}.{ServerEmitter.ClassName(file)}";
            writer.Line($"    {GrpcKnownTypes.Server}.AddService<{server}, {server}.MethodProvider>(services, {CSharp.String(service.Design.Name)}, configure);");
            writer.Close();
        });

    // public static class <Service>GrpcEndpointRouteBuilderExtensions
    // {
    //     public static GrpcServiceEndpointConventionBuilder Map<Service>Grpc(this IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<…>();
    // }
    public static GeneratedFile EmitEndpoints(CodeModel model, ProtoFile file) =>
        CSharpFile.Create(model, $"{file.Service.Name}/Grpc/{file.Service.Name}GrpcEndpointRouteBuilderExtensions.g.cs", "Microsoft.AspNetCore.Builder", "endpoints", writer =>
        {
            var service = file.Service;
            writer.Summary($"Maps the gRPC service of \"{service.Design.Name}\".");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public static class {service.Name}GrpcEndpointRouteBuilderExtensions");
            writer.Summary($"Maps the rpcs of \"{service.Design.Name}\" ({file.Package}.{file.ServiceName}).");
            writer.Param("endpoints", "The endpoint route builder.");
            writer.Returns("The convention builder, for chaining (authorization, CORS, …).");
            writer.Line($"public static {GrpcKnownTypes.GrpcEndpointConventionBuilder} Map{service.Name}Grpc(this {GrpcKnownTypes.EndpointRouteBuilder} endpoints) =>");
            writer.Line($"    {GrpcKnownTypes.MapGrpcService}<global::{service.Namespace}.{ServerEmitter.ClassName(file)}>(endpoints);");
            writer.Close();
        });
}
