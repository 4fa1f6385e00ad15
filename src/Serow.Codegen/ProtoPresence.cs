// Licensed under the MIT license. See LICENSE in the project root.

namespace Serow.Codegen;

/// <summary>How a generated <c>.proto</c> marks the fields whose presence matters (optional attributes).</summary>
public enum ProtoPresence
{
    /// <summary>proto3 <c>optional</c> fields: needs protoc 3.15 or later (3.12–3.14 with an experimental flag).</summary>
    Optional,

    /// <summary>
    /// A one-field <c>oneof</c> per such field (<c>oneof x_presence { int32 x = 1; }</c>): the same wire format and presence,
    /// accepted by every proto3 protoc (for example Debian 12's protoc 3.5 of python3-grpc-tools).
    /// </summary>
    Oneof,
}
