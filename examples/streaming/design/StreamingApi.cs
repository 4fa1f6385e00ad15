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

        // Who may chat and who may manage log topics (the chat and logger designs name these schemes).
        JWTSecurity("jwt", () => Description("Tokens the example host issues itself (POST /dev/token?user=NAME); development only."));
        APIKeySecurity("api_key", () => Description("The key the example host prints at startup (X-API-Key)."));
    }
}
