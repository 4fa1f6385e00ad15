// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Internal;

/// <summary>How <c>serow gen</c> prints its errors.</summary>
internal enum ErrorFormat
{
    /// <summary><c>file:line: error ID: message</c> with the path relative to the current folder, for people.</summary>
    Text,

    /// <summary><c>file(line,column): error ID: message</c> with full paths, which MSBuild reads as build errors (the build integration uses it).</summary>
    MSBuild,
}
