// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Codegen.Model;
using Serow.Codegen.Writing;
using Serow.Design;

namespace Serow.Codegen.Emitters;

/// <summary>Prints the interface the user implements and the client interface every transport's client implements.</summary>
internal static class ServiceEmitter
{
    // public interface I<Service>Service
    // {
    //     Task<R> <Method>Async(P payload, CancellationToken cancellationToken);                       unary
    //     Task <Method>Async([P payload,] I<Service><Method>ServerStream stream, CancellationToken);     streaming
    // }
    public static GeneratedFile EmitService(CodeModel model, ServiceSpec service) =>
        CSharpFile.Create(model, $"{service.Name}/{service.Interface}.g.cs", service.Namespace, "service", writer =>
        {
            writer.Summary(service.Design.Description ?? $"The \"{service.Design.Name}\" service.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public interface {service.Interface}");
            writer.Summary("The service's designed name.");
            writer.Line($"const string ServiceName = {CSharp.String(service.Design.Name)};");
            foreach (var method in service.Methods)
            {
                writer.Line();
                writer.Summary(Signatures.Summary(method));
                if (method.Payload is { } payload)
                {
                    writer.Param("payload", payload.Attribute.Description ?? (method.Kind == StreamKind.None ? "The payload." : "The payload sent once when the stream opens."));
                }

                if (method.RawRequest)
                {
                    writer.Param("body", "The raw request body, read as it arrives (never buffered whole); the transport owns it.");
                }

                if (method.Multipart)
                {
                    writer.Param("parts", "The parts of the multipart request body, each read as it arrives (never buffered whole); read a part's content before moving to the next.");
                }

                if (method.Kind != StreamKind.None)
                {
                    writer.Param("stream", StreamDescription(method));
                }

                writer.Param("cancellationToken", "Fires when the caller cancels, disconnects or the deadline passes.");
                if (method.RawResponse)
                {
                    writer.Returns("The raw response body; the transport reads it to the end and disposes it.");
                }

                writer.Line(Signatures.Service(service, method) + ";");
            }

            writer.Close();
        });

    // public interface I<Service>Client
    // {
    //     Task<R> <Method>Async(P payload, CancellationToken cancellationToken = default);                 unary
    //     Task<I<Service><Method>ClientStream> <Method>Async([P payload,] CancellationToken = default);    streaming
    // }
    public static GeneratedFile EmitClient(CodeModel model, ServiceSpec service) =>
        CSharpFile.Create(model, $"{service.Name}/{service.ClientInterface}.g.cs", service.Namespace, "client", writer =>
        {
            writer.Summary($"A client of the \"{service.Design.Name}\" service; implemented by the in-process client and by every transport's client.");
            CSharpFile.GeneratedCodeAttribute(writer, model);
            writer.Open($"public interface {service.ClientInterface}");
            var first = true;
            foreach (var method in service.Methods)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                ClientMethodDocs(writer, method);
                writer.Line(Signatures.Client(service, method) + ";");
            }

            writer.Close();
        });

    public static void ClientMethodDocs(CodeWriter writer, MethodSpec method)
    {
        writer.Summary(Signatures.Summary(method));
        if (method.Payload is { } payload)
        {
            writer.Param("payload", payload.Attribute.Description ?? "The payload.");
        }

        if (method.RawRequest)
        {
            writer.Param("body", "The raw request body, sent as it is read (never buffered whole); the caller keeps ownership.");
        }

        if (method.Multipart)
        {
            writer.Param("parts", "The parts of the multipart request body, each sent as it is read (never buffered whole).");
        }

        writer.Param("cancellationToken", method.Kind == StreamKind.None ? "Cancels the call." : "Cancels the whole call, including the stream.");
        writer.Returns(method.Kind switch
        {
            StreamKind.None when method.RawResponse => "The raw response body, read as it arrives; dispose it to release the connection.",
            StreamKind.None when method.Result is not null => "The result.",
            StreamKind.None => "A task that completes when the call succeeded.",
            _ => "The open stream; errors of the service surface from its operations as typed exceptions.",
        });
    }

    private static string StreamDescription(MethodSpec method) => method.Kind switch
    {
        StreamKind.Server => "Sends the results to the client.",
        StreamKind.Client when method.Result is not null => "Receives the client's messages; SendAndCloseAsync sends the final result.",
        StreamKind.Client => "Receives the client's messages.",
        _ => "Receives the client's messages and sends results.",
    };
}
