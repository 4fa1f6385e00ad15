// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Interception;

/// <summary>
/// Runs a chain of interceptor steps around one operation, outermost first. A stream reuses its chain for every message
/// of a direction, so nothing is allocated per message beyond what the interceptors themselves allocate.
/// </summary>
internal sealed class InterceptorPipeline
{
    private readonly InterceptedCall _call;
    private readonly string[] _names;
    private readonly InterceptorStep[] _steps;
    private readonly Func<ValueTask>[] _next;
    private readonly Func<CancellationToken, ValueTask> _operation;
    private CancellationToken _token;
    private int _deepest;
    private int _operationRuns;

    public InterceptorPipeline(InterceptedCall call, List<(string Name, InterceptorStep Step)> steps, Func<CancellationToken, ValueTask> operation)
    {
        _call = call;
        _operation = operation;
        _names = steps.Select(s => s.Name).ToArray();
        _steps = steps.Select(s => s.Step).ToArray();
        _next = new Func<ValueTask>[_steps.Length];
        for (var i = 0; i < _steps.Length; i++)
        {
            var inner = i + 1;
            _next[i] = () => Step(inner);
        }
    }

    /// <summary>Runs every step and the operation once; one run at a time (a stream direction is sequential).</summary>
    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        _token = cancellationToken;
        _deepest = 0;
        _operationRuns = 0;
        var run = Step(0);
        if (run.IsCompletedSuccessfully)
        {
            run.GetAwaiter().GetResult();
            CheckOperationRan();
            return default;
        }

        return AwaitAsync(run);
    }

    private async ValueTask AwaitAsync(ValueTask run)
    {
        await run.ConfigureAwait(false);
        CheckOperationRan();
    }

    private ValueTask Step(int index)
    {
        if (index == _steps.Length)
        {
            if (++_operationRuns > 1)
            {
                throw new InvalidOperationException(
                    $"{_call.Label}: the \"{_names[^1]}\" {Side} interceptor called next twice for one {Operation}; an interceptor calls next exactly once.");
            }

            return _operation(_token);
        }

        _deepest = index;
        return _steps[index](_next[index], _token);
    }

    private void CheckOperationRan()
    {
        if (_operationRuns == 0)
        {
            throw new InvalidOperationException(
                $"{_call.Label}: the \"{_names[_deepest]}\" {Side} interceptor returned without calling next for a {Operation}; an interceptor calls next exactly once (throw a ServiceError to refuse).");
        }
    }

    private string Side => _call.Side == InterceptorSide.Server ? "server" : "client";

    private string Operation => _call.Operation switch
    {
        InterceptedOperation.Call => "call",
        InterceptedOperation.Send => "message sent",
        _ => "message received",
    };
}
