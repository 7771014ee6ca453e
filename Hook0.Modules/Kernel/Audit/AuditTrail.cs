using System.Text.Json.Nodes;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Kernel.Audit;

/// <summary>
/// Kernel's contract for the audit log (ADR 0018: <c>infrastructure</c> is written only through it). A use case
/// writes its record in the transaction that makes its change, so a refused or rolled-back change leaves none, and a
/// committed one always has its record:
/// <list type="bullet">
/// <item><see cref="SaveChangesAsync"/> replaces the handler's <c>SaveChangesAsync</c>: the changes and the record in
/// one transaction (the context's own, the shared one, or a new one).</item>
/// <item><see cref="Prepare"/> then <see cref="WriteAsync(AuditEntry, DbContext, CancellationToken)"/> for a handler
/// that runs its own transaction (the diff is read before saving, the record written before committing).</item>
/// <item><see cref="RecordAccountEventAsync"/>: sign-ins, failed sign-ins and lockouts, in their own transaction
/// (a failed sign-in changes nothing else, and must be kept even though the request fails).</item>
/// </list>
/// </summary>
public sealed class AuditTrail(AuditOrigin origin, SharedTransaction shared, NpgsqlDataSource db, IApplicationDirectory applications, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO infrastructure.audit_record (audit_record_id, recorded_at, organization_id, subject_user_id, actor_kind,
            actor_id, channel, entity_type, entity_id, action, diff, client_ip, user_agent, request_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        """;

    /// <summary>The record of <paramref name="change"/>, its diff read from <paramref name="context"/>'s pending changes now.</summary>
    public static AuditEntry Prepare(DbContext? context, AuditChange change)
        => new(change, AuditDiff.From(context?.ChangeTracker, change.Details));

    /// <summary>Saves the context's changes and the record of <paramref name="change"/> together.</summary>
    public async Task SaveChangesAsync(DbContext context, AuditChange change, CancellationToken cancellationToken)
    {
        var entry = Prepare(context, change);
        if (context.Database.CurrentTransaction is null && shared.IsActive)
        {
            await shared.EnlistAsync(context, cancellationToken);
        }

        if (context.Database.CurrentTransaction is not null)
        {
            await context.SaveChangesAsync(cancellationToken);
            await WriteAsync(entry, context, cancellationToken);
            return;
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await WriteAsync(entry, context, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes the record in the context's current transaction (there must be one: a record never commits alone).</summary>
    public Task WriteAsync(AuditEntry entry, DbContext context, CancellationToken cancellationToken)
    {
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("An audit record is written in the transaction of its change: begin one first.");
        return WriteAsync(entry, (NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), cancellationToken);
    }

    /// <summary>Writes the record in the shared transaction of a use case that crosses modules.</summary>
    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
        => WriteAsync(entry, shared.Connection, shared.Transaction, cancellationToken);

    public async Task WriteAsync(AuditEntry entry, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (entry.Change.Caller is { } caller)
        {
            origin.Adopt(caller);
        }

        var (kind, id) = origin.Actor;
        var organizationId = entry.Change.OrganizationId;
        if (organizationId is null && entry.Change.ApplicationId is { } applicationId)
        {
            organizationId = await applications.GetOrganizationIdAsync(applicationId, cancellationToken);
        }

        await using var command = new NpgsqlCommand(Insert, connection, transaction);
        AddParameters(command, organizationId, null, kind, id, origin.Channel, entry.Change, entry.Diff);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A record with no change to join: a disclosure (a signing secret shown to an editor) is the action itself, so its
    /// record is committed on its own.
    /// </summary>
    public async Task RecordAloneAsync(AuditChange change, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await WriteAsync(Prepare(null, change), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A sign-in, failed sign-in or lockout of <paramref name="userId"/>, committed on its own.</summary>
    public async Task RecordAccountEventAsync(Guid userId, string action, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Insert);
        var change = new AuditChange(null, "user", userId, action);
        // The actor of a failed sign-in is whoever typed the password: recorded as the account's user, the channel and
        // address say where from.
        AddParameters(command, null, userId, "user", userId.ToString(), origin.Channel, change, null);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddParameters(NpgsqlCommand command, Guid? organizationId, Guid? subjectUserId, string actorKind, string? actorId, string channel,
        AuditChange change, JsonObject? diff)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = time.UtcNowForDatabase() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)organizationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)subjectUserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actorKind });
        command.Parameters.Add(Text(actorId));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.EntityType });
        command.Parameters.Add(Text(change.EntityId?.ToString()));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Action });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)diff?.ToJsonString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(Text(origin.ClientIp));
        command.Parameters.Add(Text(origin.UserAgent));
        command.Parameters.Add(Text(origin.RequestId));
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}

/// <summary>A record ready to be written: the change and its diff, read before the context saved.</summary>
public sealed record AuditEntry(AuditChange Change, JsonObject? Diff);
