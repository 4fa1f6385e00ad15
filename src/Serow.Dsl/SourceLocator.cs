// Licensed under the MIT license. See LICENSE in the project root.

using System.Diagnostics;
using Serow.Design;

namespace Serow.Dsl;

/// <summary>Finds the design file and line of a DSL call by walking the stack past Serow.Dsl's own frames.</summary>
internal static class SourceLocator
{
    public static SourceLocation Capture() => FirstDesignFrame(new StackTrace(1, fNeedFileInfo: true));

    public static SourceLocation FromException(Exception exception) =>
        FirstDesignFrame(new StackTrace(exception, fNeedFileInfo: true));

    private static SourceLocation FirstDesignFrame(StackTrace trace)
    {
        var dsl = typeof(SourceLocator).Assembly;
        foreach (var frame in trace.GetFrames())
        {
            if (frame.GetMethod()?.DeclaringType?.Assembly == dsl)
            {
                continue;
            }

            var file = frame.GetFileName();
            if (!string.IsNullOrEmpty(file))
            {
                return new SourceLocation(file, frame.GetFileLineNumber(), frame.GetFileColumnNumber());
            }
        }

        return SourceLocation.Unknown;
    }
}
