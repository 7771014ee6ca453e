using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project bench/Hook0.Signing.Bench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Hook0.Signing.Bench.SigningBenchmarks).Assembly).Run(args);
