// Calls the host from the command line, for example: dotnet run --project Stocks.Client -- quotes watch --symbol ACME --count 3
using Stocks;

return await StocksCli.Application.RunAsync(args);
