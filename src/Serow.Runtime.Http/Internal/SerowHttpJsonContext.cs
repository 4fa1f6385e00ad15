// Licensed under the MIT license. See LICENSE in the project root.

using System.Text.Json.Serialization;

namespace Serow.Http.Internal;

[JsonSerializable(typeof(HttpErrorBody))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class SerowHttpJsonContext : JsonSerializerContext;
