// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>Prints the server and client stream interfaces of a streaming method, as combinations of the runtime's stream roles.</summary>
internal static class StreamEmitter
{
    // public interface I<Service><Method>ServerStream : IStreamSender<R>, IClosableStream[, IViewSettableStream][, IResumableServerStream] { }
    public static IEnumerable<GeneratedFile> Emit(CodeModel model, ServiceSpec service, MethodSpec method)
    {
        var label = $"{service.Design.Name}.{method.Design.Name}";
        yield return Interface(model, service, method.ServerStream, ServerRoles(method),
            $"The server side of the stream of {label}: what the service implementation uses.");
        yield return Interface(model, service, method.ClientStream, ClientRoles(method),
            $"The client side of the stream of {label}: what a client receives when it calls the method. Disposing it aborts the call if it is still running.");
    }

    /// <summary>The roles of the server stream, per pattern (exactly the operation sets of each streaming pattern).</summary>
    public static IReadOnlyList<string> ServerRoles(MethodSpec method)
    {
        var roles = method.Kind switch
        {
            StreamKind.Server => [Send(method.OutType), KnownTypes.ClosableStream],
            StreamKind.Client when method.Result is not null => [Recv(method.InType), $"{KnownTypes.SendAndCloseStream}<{method.OutType}>"],
            StreamKind.Client => [Recv(method.InType), KnownTypes.ClosableStream],
            StreamKind.Bidirectional => new List<string> { Send(method.OutType), Recv(method.InType), KnownTypes.ClosableStream },
            _ => throw new InvalidOperationException("A unary method has no stream."),
        };
        if (method.Views is { CanSetView: true })
        {
            roles.Add(KnownTypes.ViewSettableStream);
        }

        if (method.Design.Resumable is not null)
        {
            roles.Add(KnownTypes.ResumableServerStream);
        }

        return roles;
    }

    /// <summary>The roles of the client stream, per pattern.</summary>
    public static IReadOnlyList<string> ClientRoles(MethodSpec method) => method.Kind switch
    {
        StreamKind.Server => [Recv(method.OutType), KnownTypes.AsyncDisposable],
        StreamKind.Client when method.Result is not null => [Send(method.InType), $"{KnownTypes.CloseAndRecvStream}<{method.OutType}>", KnownTypes.AsyncDisposable],
        StreamKind.Client => [Send(method.InType), KnownTypes.ClosableStream, KnownTypes.AsyncDisposable],
        StreamKind.Bidirectional => [Send(method.InType), Recv(method.OutType), KnownTypes.HalfClosableStream, KnownTypes.AsyncDisposable],
        _ => throw new InvalidOperationException("A unary method has no stream."),
    };

    private static string Send(string type) => $"{KnownTypes.StreamSender}<{type}>";

    private static string Recv(string type) => $"{KnownTypes.StreamReceiver}<{type}>";

    private static GeneratedFile Interface(CodeModel model, ServiceSpec service, string name, IReadOnlyList<string> roles, string summary) =>
        CSharpFile.Create(model, $"{service.Name}/{name}.g.cs", service.Namespace, "stream", writer =>
        {
            writer.Summary(summary);
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Line($"public interface {name}");
            writer.Line($"    : {string.Join(",\n      ", roles)}");
            writer.Line("{");
            writer.Line("}");
        });
}
