// Licensed under the MIT license. See LICENSE in the project root.

using Serow.Dsl;

namespace Serow.TestDesigns;

/// <summary>A result type with two views, streamed with SetView and with a pinned view.</summary>
public sealed class ViewsDesign : Serow.Dsl.Design
{
    public ViewsDesign()
    {
        API("views", () => Title("views"));
        var record = ResultType("application/vnd.serow.record", "Record", () =>
        {
            Description("A stored record.");
            Attribute("id", String, "Identifier");
            Attribute("title", String, "Title");
            Attribute("body", String, "Body");
            Required("id", "title", "body");
            View("default", () =>
            {
                Attribute("id");
                Attribute("title");
                Attribute("body");
            });
            View("tiny", () => Attribute("id"));
        });
        Service("archive", () =>
        {
            Method("list", () =>
            {
                Payload(() => Attribute("view", String));
                StreamingResult(record);
            });
            Method("ids", () => StreamingResult(record, () => View("tiny")));
        });
    }
}
