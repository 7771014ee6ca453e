using BenchmarkDotNet.Running;

// Run all benchmarks quickly with: dotnet run -c Release -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Hook0.Biscuit.Bench.TokenBenchmarks).Assembly).Run(args);
