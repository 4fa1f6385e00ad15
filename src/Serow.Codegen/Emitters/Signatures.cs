// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>The method signatures shared by the service interface, the client interface and the clients.</summary>
internal static class Signatures
{
    /// <summary>The service method the user implements: <c>Task[&lt;R&gt;] NameAsync([payload], [body], [stream], CancellationToken)</c>; <c>Task&lt;Stream&gt;</c> for a raw response.</summary>
    public static string Service(ServiceSpec service, MethodSpec method)
    {
        var parameters = new List<string>();
        if (method.Payload is { } payload)
        {
            parameters.Add($"{payload.TypeRef} payload");
        }

        if (method.BodyArgument is { } body)
        {
            parameters.Add($"{method.BodyArgumentType} {body}");
        }

        if (method.Kind != StreamKind.None)
        {
            parameters.Add($"global::{service.Namespace}.{method.ServerStream} stream");
        }

        parameters.Add($"{KnownTypes.CancellationToken} cancellationToken");
        var returns = method.RawResponse ? $"{KnownTypes.Task}<{KnownTypes.IOStream}>"
            : method.Kind == StreamKind.None && method.Result is { } result ? $"{KnownTypes.Task}<{result.TypeRef}>"
            : KnownTypes.Task;
        return $"{returns} {method.Name}Async({string.Join(", ", parameters)})";
    }

    /// <summary>The client method: unary returns the result; streaming returns the client stream.</summary>
    public static string Client(ServiceSpec service, MethodSpec method)
    {
        var parameters = new List<string>();
        if (method.Payload is { } payload)
        {
            parameters.Add($"{payload.TypeRef} payload");
        }

        if (method.BodyArgument is { } body)
        {
            parameters.Add($"{method.BodyArgumentType} {body}");
        }

        parameters.Add($"{KnownTypes.CancellationToken} cancellationToken = default");
        var returns = method.Kind switch
        {
            StreamKind.None when method.RawResponse => $"{KnownTypes.Task}<{KnownTypes.IOStream}>",
            StreamKind.None when method.Result is { } result => $"{KnownTypes.Task}<{result.TypeRef}>",
            StreamKind.None => KnownTypes.Task,
            _ => $"{KnownTypes.Task}<global::{service.Namespace}.{method.ClientStream}>",
        };
        return $"{returns} {method.Name}Async({string.Join(", ", parameters)})";
    }

    public static string Summary(MethodSpec method) =>
        method.Design.Description ?? $"Calls the \"{method.Design.Name}\" method.";
}
