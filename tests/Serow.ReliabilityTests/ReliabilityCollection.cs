// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.ReliabilityTests;

/// <summary>
/// Each reliability test loads the machine on purpose (thousands of streams, a server process of its own) and some
/// measure time: being in one collection, they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}
