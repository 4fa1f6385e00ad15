// Licensed under the MIT license. See LICENSE in the project root.

using System.Runtime.ExceptionServices;

namespace Serow.InProcess.Internal;

/// <summary>Small helpers for waiting on tasks and rethrowing stored errors.</summary>
internal static class TaskWaits
{
    /// <summary>Waits until <paramref name="task"/> is done, whatever its outcome; only the token can make the wait throw.</summary>
    public static async ValueTask<bool> UntilDoneAsync(Task task, CancellationToken cancellationToken)
    {
        await ((Task)task.WaitAsync(cancellationToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary>Rethrows an error stored by the call, keeping its original stack trace.</summary>
    public static void Rethrow(this Exception exception) => ExceptionDispatchInfo.Throw(exception);
}
