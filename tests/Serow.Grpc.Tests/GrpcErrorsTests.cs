// Licensed under the MIT license. See LICENSE in the project root.

using Grpc.Core;
using Serow.Grpc;
using Serow.Validation;

namespace Serow.Grpc.Tests;

public sealed class GrpcErrorsTests
{
    private sealed class NotFoundError(string message) : ServiceError("not_found", message);

    private static readonly Dictionary<string, StatusCode> Designed = new() { ["not_found"] = StatusCode.NotFound };

    [Theory]
    [InlineData(false, false, false, StatusCode.Unknown)]
    [InlineData(true, false, false, StatusCode.Unavailable)]
    [InlineData(false, true, false, StatusCode.DeadlineExceeded)]
    [InlineData(true, true, true, StatusCode.Internal)]
    public void StatusCodeOf_UndesignedError_FollowsFlags(bool temporary, bool timeout, bool fault, StatusCode expected) =>
        Assert.Equal(expected, GrpcErrors.StatusCodeOf(new ServiceError("x", "m", temporary, timeout, fault), Designed));

    [Fact]
    public void StatusCodeOf_DesignedError_UsesDesignedCode() =>
        Assert.Equal(StatusCode.NotFound, GrpcErrors.StatusCodeOf(new NotFoundError("gone"), Designed));

    [Fact]
    public void StatusCodeOf_Validation_IsInvalidArgument() =>
        Assert.Equal(StatusCode.InvalidArgument, GrpcErrors.StatusCodeOf(new ValidationException([new ValidationError("a", "required", "m")])));

    [Fact]
    public void ToRpcException_ServiceError_CarriesNameIdFlagsInTrailers()
    {
        var error = new ServiceError("busy", "try later", temporary: true, timeout: true);

        var rpc = GrpcErrors.ToRpcException(error);

        Assert.Equal((StatusCode.DeadlineExceeded, "try later"), (rpc.StatusCode, rpc.Status.Detail));
        Assert.Equal("busy", rpc.Trailers.GetValue(GrpcHeaders.ErrorName));
        Assert.Equal(error.Id, rpc.Trailers.GetValue(GrpcHeaders.ErrorId));
        Assert.Equal("temporary,timeout", rpc.Trailers.GetValue(GrpcHeaders.ErrorFlags));
    }

    [Fact]
    public void ToRpcException_UnexpectedException_HidesItsTextUnlessDetailsAreOn()
    {
        var hidden = GrpcErrors.ToRpcException(new InvalidOperationException("secret"));
        var shown = GrpcErrors.ToRpcException(new InvalidOperationException("secret"), includeDetails: true);

        Assert.Equal((StatusCode.Internal, GrpcErrors.InternalMessage), (hidden.StatusCode, hidden.Status.Detail));
        Assert.Equal("internal", hidden.Trailers.GetValue(GrpcHeaders.ErrorName));
        Assert.Contains("secret", shown.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRpcException_Cancellation_IsCancelledWithoutSerowTrailers()
    {
        var rpc = GrpcErrors.ToRpcException(new OperationCanceledException());

        Assert.Equal(StatusCode.Cancelled, rpc.StatusCode);
        Assert.Null(rpc.Trailers.GetValue(GrpcHeaders.ErrorName));
    }

    [Fact]
    public void FromRpcException_DesignedError_RebuildsTypedExceptionWithItsId()
    {
        var sent = new NotFoundError("gone");
        var rpc = GrpcErrors.ToRpcException(sent, Designed);

        var received = GrpcErrors.FromRpcException(rpc, (name, message, _, _, _) => name == "not_found" ? new NotFoundError(message) : new ServiceError(name, message));

        var error = Assert.IsType<NotFoundError>(received);
        Assert.Equal(("gone", sent.Id), (error.Message, error.Id));
    }

    [Fact]
    public void FromRpcException_Validation_KeepsEveryViolation()
    {
        var rpc = GrpcErrors.ToRpcException(new ValidationException(
        [
            new ValidationError("items[2].name", "maxLength", "too long"),
            new ValidationError("id", "required", "missing \"id\""),
        ]));

        var error = Assert.IsType<ValidationException>(GrpcErrors.FromRpcException(rpc, null));

        Assert.Equal([("items[2].name", "maxLength"), ("id", "required")], error.Errors.Select(e => (e.Field, e.Rule)));
        Assert.Equal("missing \"id\"", error.Errors[1].Message);
    }

    [Fact]
    public void FromRpcException_UndesignedName_KeepsNameAndFlags()
    {
        var rpc = GrpcErrors.ToRpcException(new ServiceError("other", "m", temporary: true, fault: true));

        var error = Assert.IsType<ServiceError>(GrpcErrors.FromRpcException(rpc, null));

        Assert.Equal(("other", true, false, true), (error.Name, error.Temporary, error.Timeout, error.Fault));
    }

    [Fact]
    public void FromRpcException_PlainStatus_IsNamedAfterTheCode()
    {
        var error = Assert.IsType<ServiceError>(GrpcErrors.FromRpcException(new RpcException(new Status(StatusCode.ResourceExhausted, "too big")), null));

        Assert.Equal(("resource_exhausted", "too big"), (error.Name, error.Message));
    }

    [Fact]
    public void FromRpcException_Cancelled_IsOperationCanceled() =>
        Assert.IsType<OperationCanceledException>(GrpcErrors.FromRpcException(new RpcException(new Status(StatusCode.Cancelled, "gone")), null));

    [Fact]
    public void DecodeValidation_Malformed_GivesOneDecodeViolation() =>
        Assert.Equal("decode", Assert.Single(GrpcErrors.DecodeValidation("not json"u8.ToArray())).Rule);

    [Fact]
    public void CallOptions_Compression_AddsTheRequestEncodingHeader()
    {
        var options = new SerowGrpcClientOptions { RequestCompressionAlgorithm = "gzip", DefaultDeadline = TimeSpan.FromMinutes(1) };

        var call = options.CallOptions(CancellationToken.None);

        Assert.Equal("gzip", call.Headers!.GetValue(GrpcHeaders.RequestEncoding));
        Assert.NotNull(call.Deadline);
    }
}
