// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Runtime.Tests.Support;

/// <summary>A designed error, as generated code would derive it.</summary>
public sealed class NotFoundError(string message) : ServiceError("not_found", message);
