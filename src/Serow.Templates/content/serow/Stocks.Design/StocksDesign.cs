using Serow.Dsl;

namespace Stocks.Design;

public sealed class StocksDesign : Serow.Dsl.Design
{
    public StocksDesign()
    {
        API("Stocks", () =>
        {
            Title("Stocks");
            Version("1.0");
        });

        Service("quotes", () =>
        {
            Description("Stock quotes.");
            HTTP(() => { Path("/quotes"); });

            Method("watch", () =>
            {
                Description("Streams the quotes of a symbol, one per interval.");
                Payload(() =>
                {
                    Field(1, "symbol", String, "Ticker symbol", () => { Pattern("^[A-Z]{1,5}$"); });
                    Field(2, "count", Int, "How many quotes to send", () =>
                    {
                        Minimum(1);
                        Maximum(1000);
                    });
                    Required("symbol", "count");
                });
                StreamingResult(() =>
                {
                    Field(1, "symbol", String, "Ticker symbol");
                    Field(2, "price", Float64, "Last price");
                    Field(3, "sequence", Int, "Position of the quote in the stream, from 1");
                    Required("symbol", "price", "sequence");
                });
                GRPC(() => { Response(CodeOK); });
            });
        });
    }
}
