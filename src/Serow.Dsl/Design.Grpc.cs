// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Design;
using Serow.Dsl.Expressions;

namespace Serow.Dsl;

/// <content>The gRPC transport.</content>
public abstract partial class Design
{
    /// <summary>gRPC OK.</summary>
    protected const GrpcCode CodeOK = GrpcCode.OK;

    /// <summary>gRPC CANCELLED.</summary>
    protected const GrpcCode CodeCanceled = GrpcCode.Canceled;

    /// <summary>gRPC UNKNOWN.</summary>
    protected const GrpcCode CodeUnknown = GrpcCode.Unknown;

    /// <summary>gRPC INVALID_ARGUMENT.</summary>
    protected const GrpcCode CodeInvalidArgument = GrpcCode.InvalidArgument;

    /// <summary>gRPC DEADLINE_EXCEEDED.</summary>
    protected const GrpcCode CodeDeadlineExceeded = GrpcCode.DeadlineExceeded;

    /// <summary>gRPC NOT_FOUND.</summary>
    protected const GrpcCode CodeNotFound = GrpcCode.NotFound;

    /// <summary>gRPC ALREADY_EXISTS.</summary>
    protected const GrpcCode CodeAlreadyExists = GrpcCode.AlreadyExists;

    /// <summary>gRPC PERMISSION_DENIED.</summary>
    protected const GrpcCode CodePermissionDenied = GrpcCode.PermissionDenied;

    /// <summary>gRPC RESOURCE_EXHAUSTED.</summary>
    protected const GrpcCode CodeResourceExhausted = GrpcCode.ResourceExhausted;

    /// <summary>gRPC FAILED_PRECONDITION.</summary>
    protected const GrpcCode CodeFailedPrecondition = GrpcCode.FailedPrecondition;

    /// <summary>gRPC ABORTED.</summary>
    protected const GrpcCode CodeAborted = GrpcCode.Aborted;

    /// <summary>gRPC OUT_OF_RANGE.</summary>
    protected const GrpcCode CodeOutOfRange = GrpcCode.OutOfRange;

    /// <summary>gRPC UNIMPLEMENTED.</summary>
    protected const GrpcCode CodeUnimplemented = GrpcCode.Unimplemented;

    /// <summary>gRPC INTERNAL.</summary>
    protected const GrpcCode CodeInternal = GrpcCode.Internal;

    /// <summary>gRPC UNAVAILABLE.</summary>
    protected const GrpcCode CodeUnavailable = GrpcCode.Unavailable;

    /// <summary>gRPC DATA_LOSS.</summary>
    protected const GrpcCode CodeDataLoss = GrpcCode.DataLoss;

    /// <summary>gRPC UNAUTHENTICATED.</summary>
    protected const GrpcCode CodeUnauthenticated = GrpcCode.Unauthenticated;

    /// <summary>Declares the gRPC mapping of the current service or method.</summary>
    /// <param name="block">Declares responses, <c>Metadata</c> and <c>Message</c>.</param>
    protected void GRPC(Action block)
    {
        var location = SourceLocator.Capture();
        object? grpc = Recorder.Top switch
        {
            ServiceExpr service => service.Grpc ??= new GrpcServiceExpr { Location = location, Label = service.Label + " gRPC" },
            MethodExpr method => method.Grpc ??= new GrpcEndpointExpr { Location = location, Label = method.Label + " gRPC" },
            _ => null,
        };
        if (grpc is null)
        {
            WrongPlace("GRPC", "a Service or Method block", location);
            return;
        }

        Recorder.Run(grpc, block, location);
    }

    /// <summary>Declares the gRPC success code of the method.</summary>
    /// <param name="code">The status code.</param>
    protected void Response(GrpcCode code) => GrpcResponse(null, code);

    /// <summary>Maps a declared error to a gRPC status code.</summary>
    /// <param name="errorName">The error's name.</param>
    /// <param name="code">The status code.</param>
    protected void Response(string errorName, GrpcCode code) => GrpcResponse(errorName, code);

    /// <summary>Lists, with <c>Attribute("name")</c>, the payload attributes sent as request metadata.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void Metadata(Action block) => NameList("Metadata", g => g.Metadata, block);

    /// <summary>Lists, with <c>Attribute("name")</c>, the payload attributes sent in the request message.</summary>
    /// <param name="block">Names the attributes.</param>
    protected void Message(Action block) => NameList("Message", g => g.Message, block);

    /// <summary>
    /// Declares the success response of a unary method whose block moves result attributes out of the response message
    /// into response headers (<c>Headers</c>) or trailers (<c>Trailers</c>). Use inside a method's <c>GRPC</c> block.
    /// </summary>
    /// <param name="code">The success code (<c>CodeOK</c>).</param>
    /// <param name="block">Declares <c>Headers(() => Attribute("x"))</c> and <c>Trailers(() => Attribute("y"))</c>.</param>
    protected void Response(GrpcCode code, Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<GrpcEndpointExpr>("Response(GrpcCode, block)", "a method's GRPC block", location) is not { } grpc)
        {
            return;
        }

        GrpcResponse(null, code);
        Recorder.Run(new GrpcResponseBlockExpr(grpc, $"{grpc.Label} Response({code})"), block, location);
    }

    /// <summary>Names the result attributes carried in response trailers. Use inside a gRPC <c>Response(code, block)</c>.</summary>
    /// <param name="block">Names attributes with <c>Attribute("name")</c>.</param>
    protected void Trailers(Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<GrpcResponseBlockExpr>("Trailers", "a gRPC Response(code, block) block", location) is { } response)
        {
            Recorder.Run(new NameListExpr(response.Endpoint.ResponseTrailers, $"{response.Label} Trailers"), block, location);
        }
    }

    private void GrpcResponse(string? errorName, GrpcCode code)
    {
        var location = SourceLocator.Capture();
        var responses = Recorder.Top switch
        {
            GrpcEndpointExpr endpoint => endpoint.Responses,
            GrpcResponseBlockExpr block => block.Endpoint.Responses,
            GrpcServiceExpr service => service.Responses,
            _ => null,
        };
        if (responses is null)
        {
            WrongPlace("Response(GrpcCode)", "a GRPC block (use Response(status) inside HTTP)", location);
            return;
        }

        responses.Add(new GrpcResponseExpr(code, errorName, location));
    }

    private void NameList(string verb, Func<GrpcEndpointExpr, List<NameRef>> list, Action block)
    {
        var location = SourceLocator.Capture();
        if (Current<GrpcEndpointExpr>(verb, "a method's GRPC block", location) is { } grpc)
        {
            Recorder.Run(new NameListExpr(list(grpc), $"{grpc.Label} {verb}"), block, location);
        }
    }
}
