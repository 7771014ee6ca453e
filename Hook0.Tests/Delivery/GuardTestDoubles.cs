using System.Net;
using Hook0.Modules.Delivery.Sending.TargetGuard;

namespace Hook0.Tests.Delivery;

/// <summary>Answers each lookup with the next scripted result, as a rebinding DNS server would.</summary>
internal sealed class ScriptedResolver(params Func<IPAddress[]>[] answers) : IHostResolver
{
    private int _calls;

    public int Calls => _calls;

    public static ScriptedResolver Answering(params string[][] answers) =>
        new([.. answers.Select(addresses => (Func<IPAddress[]>)(() => [.. addresses.Select(IPAddress.Parse)]))]);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls) - 1;
        return Task.FromResult(answers[Math.Min(call, answers.Length - 1)]());
    }
}

/// <summary>A resolver that never answers and ignores cancellation.</summary>
internal sealed class SilentResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        new TaskCompletionSource<IPAddress[]>().Task;
}

/// <summary>A connection attempt that never completes until cancelled, like a SYN into a black hole.</summary>
internal sealed class BlackHoleConnector : ITcpConnector
{
    public async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("Unreachable: the delay only ends by cancellation.");
    }
}

/// <summary>Records what it was asked to connect to, and hands back an in-memory stream.</summary>
internal sealed class RecordingConnector : ITcpConnector
{
    public List<IPAddress[]> Connects { get; } = [];

    public ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        Connects.Add(addresses);
        return ValueTask.FromResult<Stream>(new MemoryStream());
    }
}
