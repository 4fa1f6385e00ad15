// Licensed under the MIT license. See LICENSE in the project root.

using System.Buffers;
using Microsoft.AspNetCore.Http;
using Serow.Http.Internal;
using Serow.Streaming;

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>
/// A server stream answered to a request that accepts <c>application/json</c> (<c>AnswerJSON</c>): the results are
/// collected as the handler sends them and the response, a JSON array of them, is written once the stream has ended.
/// Nothing is written before, so any failure, even after results, is an ordinary HTTP error response.
/// </summary>
internal sealed class CollectedResultsServerCall<TOut> : HttpStreamServerCall<NoMessage, TOut>
{
    private readonly SseContract<TOut> _contract;
    private readonly CancellationTokenRegistration _requestAborted;
    private ArrayBufferWriter<byte>? _results;
    private bool _tooLarge;

    internal override string TransportName => "json";

    public CollectedResultsServerCall(HttpServerCall http, SseContract<TOut> contract)
        : base(http, contract.Stream, inboundCapacity: 0, wakeInline: false)
    {
        _contract = contract;
        _requestAborted = http.Context.RequestAborted.UnsafeRegister(
            static call => ((CollectedResultsServerCall<TOut>)call!).Abort(StreamAbortReason.Cancelled), this);
    }

    // The response waits for the end of the stream.
    internal override ValueTask OpenAsync(string view) => default;

    internal override ValueTask WriteAsync(TOut message, CancellationToken token)
    {
        var results = _results ??= new ArrayBufferWriter<byte>();
        results.Write(results.WrittenCount == 0 ? "["u8 : ","u8);
        var start = results.WrittenCount;
        _contract.WriteResult!(message, results);
        if (CountsBytes)
        {
            CountBytes(sent: true, results.WrittenCount - start);
        }

        if (results.WrittenCount > Http.Options.MaxCollectedResultsSize)
        {
            _tooLarge = true;
            Abort(StreamAbortReason.Cancelled);
            ThrowIfAborted();
        }

        return default;
    }

    internal override void OnAborted(StreamAbortReason reason)
    {
    }

    private protected override async Task EndAsync(ServerCallOutcome outcome)
    {
        if (Http.Context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (_tooLarge)
        {
            await HttpServerCall.WriteErrorAsync(Http.Context, StatusCodes.Status406NotAcceptable, new HttpErrorBody
            {
                Name = "not_acceptable",
                Message = $"The results of {_contract.DisplayName} exceed {Http.Options.MaxCollectedResultsSize} bytes of JSON: ask for text/event-stream or {ResultsFormatNegotiation.NdjsonMediaType} to receive them as they come.",
            }).ConfigureAwait(false);
            return;
        }

        if (await TryAnswerFailureAsync(outcome, _contract.DisplayName).ConfigureAwait(false))
        {
            return;
        }

        var response = Http.Context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        if (_contract.Stream.Views.Count > 0)
        {
            response.Headers[SseProtocol.ViewHeader] = View;
        }

        var body = response.BodyWriter;
        if (_results is { } results)
        {
            body.Write(results.WrittenSpan);
            body.Write("]"u8);
        }
        else
        {
            body.Write("[]"u8);
        }

        await body.FlushAsync(Http.Context.RequestAborted).ConfigureAwait(false);
    }

    private protected override async ValueTask ReleaseAsync() => await _requestAborted.DisposeAsync().ConfigureAwait(false);
}
