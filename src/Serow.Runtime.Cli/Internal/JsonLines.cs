// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.CompilerServices;
using Serow.Validation;

namespace Serow.CommandLine.Internal;

/// <summary>Reads messages from text, one JSON document per line; blank lines are skipped.</summary>
internal static class JsonLines
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(TextReader input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            T message;
            try
            {
                message = CliJson.Deserialize<T>(CliJson.Parse(line, $"input line {number}"), $"input line {number}");
            }
            catch (ValidationException exception)
            {
                throw new InvalidInputException(exception);
            }

            yield return message;
        }
    }
}

/// <summary>A line of standard input that is not a message of the stream.</summary>
internal sealed class InvalidInputException(ValidationException error) : Exception(error.Message, error)
{
    public ValidationException Error { get; } = error;
}
