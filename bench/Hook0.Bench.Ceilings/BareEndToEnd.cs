using Npgsql;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The end-to-end reference: the bare ingest endpoint whose attempts insert also sends the wake-up
/// NOTIFY (as the server's does), and in the same process one LISTEN connection whose notifications
/// make a loop claim what is due (the bookkeeping ceiling's claim on the queue), post it and record its history. The same hops
/// as the server (ingest commit, NOTIFY through PostgreSQL, claim, post) and nothing else, so its
/// latency at the same rate, measured in the same run, is what the machine allows at that moment.
/// </summary>
internal static class BareEndToEnd
{
    public static async Task<int> RunAsync(string connectionString, int port)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true };
        await using var db = NpgsqlDataSource.Create(csb.ConnectionString);
        var wake = new SemaphoreSlim(0, 1);
        await using var listener = await db.OpenConnectionAsync();
        listener.Notification += (_, _) =>
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        };
        await using (var listen = new NpgsqlCommand("LISTEN hook0_attempts", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        _ = Task.Run(async () =>
        {
            while (true)
            {
                await listener.WaitAsync();
            }
        });
        using var client = BareDelivery.NewClient();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                await wake.WaitAsync(1000);
                while (await NewShapeLoop.DeliverBatchAsync(db, 32, client) > 0)
                {
                }
            }
        });
        return await BareIngest.RunAsync(connectionString, port, notify: true);
    }
}
