using Npgsql;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// The connections the workers claim attempts on: the instance's database, with
/// <c>synchronous_commit=off</c> for these sessions only (their own pool, never used for anything
/// else). A claim is only a lease: if PostgreSQL crashes before it reaches the WAL on disk, its
/// attempts are simply due again, which is the at-least-once a crash gives anyway; and the outcome
/// recorded afterwards (a synchronous commit) flushes the WAL, claim included. The claim's commit then
/// costs no disk flush on the path from ingestion to delivery. Outcomes and ingestion keep PostgreSQL's
/// durable commits.
/// </summary>
internal sealed class ClaimDataSource : IAsyncDisposable, IDisposable
{
    public ClaimDataSource(NpgsqlDataSource database)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        connection.Options = $"{connection.Options} -c synchronous_commit=off".Trim();
        connection.ApplicationName ??= "hook0-claims";
        DataSource = NpgsqlDataSource.Create(connection.ConnectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
