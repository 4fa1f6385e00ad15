// Licensed under the MIT license. See LICENSE in the project root.

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Serow.Http.ServerSentEvents.Internal;

/// <summary>Chooses a <see cref="ResultsFormat"/> among those a method allows, by the request's preferences.</summary>
internal static class ResultsFormatNegotiation
{
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>
    /// The most preferred media type of <paramref name="accept"/> (by quality, then order) the method can answer; Server-Sent
    /// Events when none is, or when the header is absent or cannot be read.
    /// </summary>
    public static ResultsFormat Choose(StringValues accept, bool allowsJson, bool allowsNdjson)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges))
        {
            return ResultsFormat.ServerSentEvents;
        }

        foreach (var range in ranges.Select((range, index) => (range, index)).OrderByDescending(r => r.range.Quality ?? 1).ThenBy(r => r.index).Select(r => r.range))
        {
            if (range.Quality is 0)
            {
                continue;
            }

            var type = range.Type;
            var subtype = range.SubType;
            if (type.Equals("*", StringComparison.Ordinal) || type.Equals("text", StringComparison.OrdinalIgnoreCase) && (subtype.Equals("*", StringComparison.Ordinal) || subtype.Equals("event-stream", StringComparison.OrdinalIgnoreCase)))
            {
                return ResultsFormat.ServerSentEvents;
            }

            if (!type.Equals("application", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (allowsJson && (subtype.Equals("json", StringComparison.OrdinalIgnoreCase) || subtype.Equals("*", StringComparison.Ordinal)))
            {
                return ResultsFormat.Json;
            }

            if (allowsNdjson && (subtype.Equals("x-ndjson", StringComparison.OrdinalIgnoreCase) || subtype.Equals("*", StringComparison.Ordinal)))
            {
                return ResultsFormat.Ndjson;
            }
        }

        return ResultsFormat.ServerSentEvents;
    }

    /// <summary>The format for a request to a method with <paramref name="contract"/>.</summary>
    public static ResultsFormat Choose<TOut>(HttpRequest request, SseContract<TOut> contract) =>
        contract.WriteResult is null || !contract.AnswersJson && !contract.AnswersNdjson
            ? ResultsFormat.ServerSentEvents
            : Choose(request.Headers.Accept, contract.AnswersJson, contract.AnswersNdjson);
}
