// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Internal;

/// <summary>"Did you mean" for command lines and JSON field names: the closest known word to a misspelled one.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="word"/> (ignoring case, '-' and '_'), if it is close enough to be a likely
    /// typo: at most one edit for short words, two for longer ones, or a prefix of at least three characters.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        var normalized = Normalize(word);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var other = Normalize(candidate);
            var distance = other.StartsWith(normalized, StringComparison.Ordinal) && normalized.Length >= 3 ? 1 : Distance(normalized, other);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= (normalized.Length <= 4 ? 1 : 2) ? best : null;
    }

    private static string Normalize(string word) => word.TrimStart('-').Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
