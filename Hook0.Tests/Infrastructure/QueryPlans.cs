using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Tests.Infrastructure;

/// <summary>The plan PostgreSQL chooses for a statement an EF query would send, as the text EXPLAIN prints.</summary>
public static class QueryPlans
{
    /// <param name="db">The context whose connection runs it (opened if needed).</param>
    /// <param name="command">EF's command for the query (<c>CreateDbCommand()</c>), parameters included.</param>
    /// <param name="options">EXPLAIN's options, e.g. <c>COSTS OFF</c> or <c>ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF</c>.</param>
    public static async Task<string> ExplainAsync(DbContext db, DbCommand command, string options = "COSTS OFF")
    {
        await db.Database.OpenConnectionAsync();
        command.CommandText = $"EXPLAIN ({options}) " + command.CommandText;
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }
}
