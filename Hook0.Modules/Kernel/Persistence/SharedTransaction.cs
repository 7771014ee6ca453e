using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// One database transaction shared by several modules' DbContexts within a request scope: how a use
/// case that crosses modules (deleting an application fails its pending attempts; ingesting an event
/// creates its attempts) commits all or nothing without any module touching another's tables.
/// </summary>
public sealed class SharedTransaction(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private List<Action>? _afterCommit;

    public bool IsActive => _transaction is not null;

    public NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("No shared transaction is active.");

    public NpgsqlTransaction Transaction => _transaction ?? throw new InvalidOperationException("No shared transaction is active.");

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A shared transaction is already active in this scope.");
        }

        _connection = await dataSource.OpenConnectionAsync(cancellationToken);
        _transaction = await _connection.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>Makes the context work inside the shared transaction, if one is active (otherwise it keeps its own).</summary>
    public async Task EnlistAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (_transaction is null || context.Database.CurrentTransaction?.GetDbTransaction() == _transaction)
        {
            return;
        }

        context.Database.SetDbConnection(_connection);
        await context.Database.UseTransactionAsync(_transaction, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the transaction has committed (never on rollback): how a use
    /// case announces a change only when it is visible to others.
    /// </summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        var actions = _afterCommit;
        _afterCommit = null;
        await DisposeAsync();
        foreach (var action in actions ?? [])
        {
            action();
        }
    }

    /// <summary>
    /// For a scope disposed synchronously (<c>CreateScope</c>): every use case that takes the audit trail resolves this
    /// class, active or not, and a container refuses to dispose an async-only service synchronously.
    /// </summary>
    public void Dispose()
    {
        _afterCommit = null;
        _transaction?.Dispose(); // rolls back when not committed
        _transaction = null;
        _connection?.Dispose();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        _afterCommit = null;
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync(); // rolls back when not committed
            _transaction = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
