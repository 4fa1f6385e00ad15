// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Cli.Tests;

/// <summary>Tests that build design projects; they share the Serow projects' obj folders, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BuildsDesignProjectsCollection
{
    public const string Name = "Builds design projects";
}
