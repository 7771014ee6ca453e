using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Hook0.Auth.Bench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Hook0.Auth.Bench.TokenAuthorizationBenchmarks).Assembly).Run(args);
