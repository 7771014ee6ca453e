using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hook0.Tests.Delivery;

/// <summary>A raw TCP receiver on 127.0.0.1 whose misbehaviour is chosen by the test.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private readonly Task _loop;
    private int _connections;

    private LoopbackServer(Func<Socket, List<Socket>, Task> handle)
    {
        _listener.Start();
        _loop = AcceptLoopAsync(handle);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Reads the request head, writes <paramref name="response"/> verbatim, closes.</summary>
    public static LoopbackServer Answering(string response) => new(async (socket, _) =>
    {
        await ReadRequestHeadAsync(socket);
        await socket.SendAsync(Encoding.ASCII.GetBytes(response));
        socket.Shutdown(SocketShutdown.Both);
        socket.Dispose();
    });

    /// <summary>Accepts and keeps the connection open without ever answering.</summary>
    public static LoopbackServer NeverAnswering() => new((socket, held) =>
    {
        lock (held)
        {
            held.Add(socket);
        }

        return Task.CompletedTask;
    });

    /// <summary>Reads the request head, then aborts with a TCP RST (zero linger).</summary>
    public static LoopbackServer Resetting() => new(async (socket, _) =>
    {
        await ReadRequestHeadAsync(socket);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    });

    /// <summary>A port nothing listens on: bound once to get a free number, then released.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        lock (_held)
        {
            _held.ForEach(socket => socket.Dispose());
        }

        _stop.Dispose();
    }

    private static async Task ReadRequestHeadAsync(Socket socket)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                return;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    private async Task AcceptLoopAsync(Func<Socket, List<Socket>, Task> handle)
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = handle(socket, _held);
        }
    }
}
