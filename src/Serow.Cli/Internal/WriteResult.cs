// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Internal;

/// <summary>What <see cref="GeneratedFileWriter"/> did: the full paths it wrote (sorted) and the stale files it removed.</summary>
internal sealed record WriteResult(string OutputDirectory, IReadOnlyList<string> Written, IReadOnlyList<string> Removed);
