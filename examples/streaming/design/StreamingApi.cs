using Serow.Dsl;

namespace Streaming.Design;

public sealed class StreamingApi : Serow.Dsl.Design
{
    public StreamingApi()
    {
        API("streaming", () =>
        {
            Title("Serow streaming example");
            Description("The four streaming services of the Serow seed documents: monitor, analytics, chat and logger.");
            Version("1.0");
        });
    }
}
