// Licensed under the MIT license. See LICENSE in the project root.

using System.Globalization;
using Serow.Soak;

// Serow.Soak [--minutes N] [--churn N] [--open N]
//   Rounds until the time is up, each: N churned streams per transport (every way a client ends one), a client process
//   killed with N open streams of every kind, a server killed with them; finally SIGTERM with N open streams of every
//   kind. Exit code 0 when every check held.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "true");
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

var soak = new SoakRun(
    duration: TimeSpan.FromMinutes(Option("minutes", 10)),
    churnPerTransport: Option("churn", 10_000),
    openPerKind: Option("open", 1_000));
return await soak.RunAsync();
