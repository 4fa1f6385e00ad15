// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;

namespace Serow;

/// <summary>The telemetry of one unary call on the server, ended once by the response the transport writes.</summary>
internal sealed class UnaryCallTelemetry(Activity? activity, long startedAt, string service, string method, string transport)
{
    /// <summary>Ends the activity (with an error status unless <paramref name="outcome"/> is <c>ok</c>) and records the duration.</summary>
    public void End(string outcome, string? message)
    {
        if (activity is not null)
        {
            if (outcome != "ok")
            {
                activity.SetStatus(ActivityStatusCode.Error, message ?? outcome);
                activity.SetTag("error.type", outcome);
            }

            activity.Dispose();
        }

        SerowTelemetry.RecordDuration(startedAt, service, method, transport, outcome);
    }
}
