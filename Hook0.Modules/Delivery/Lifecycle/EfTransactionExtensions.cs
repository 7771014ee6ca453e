using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>The connection and transaction under an EF transaction, for the lifecycle's statements to join it.</summary>
internal static class EfTransactionExtensions
{
    public static (NpgsqlConnection Connection, NpgsqlTransaction Transaction) Npgsql(this DbContext db, IDbContextTransaction transaction)
        => ((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
}
