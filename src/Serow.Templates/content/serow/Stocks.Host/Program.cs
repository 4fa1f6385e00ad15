using Stocks.Host;

var app = StocksHost.Build(args);
await app.StartAsync();
var (grpc, http) = StocksHost.Addresses(app);
Console.WriteLine($"Serving gRPC on {grpc} and HTTP on {http}. Ctrl+C stops.");
await app.WaitForShutdownAsync();
