// Licensed under the MIT license. See LICENSE in the project root.

using System.Security.Cryptography;

namespace Serow;

/// <summary>Creates short random ids for error occurrences.</summary>
internal static class ErrorIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string Next() => RandomNumberGenerator.GetString(Alphabet, 8);
}
