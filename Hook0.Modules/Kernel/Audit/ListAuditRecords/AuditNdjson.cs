using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Kernel.Audit.ListAuditRecords;

/// <summary>
/// The audit log's NDJSON export (one record a line), shared by the API route and the dashboard's download link: the
/// first page is read by the caller before anything is written (so a refusal or a bad cursor is still a problem
/// answer), the others as the stream goes, one keyset page at a time, so no transaction stays open and memory holds one
/// page whatever the log's size.
/// </summary>
public static class AuditNdjson
{
    public const string MediaType = "application/x-ndjson";

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static IResult Stream(AuditPage first, Func<string, CancellationToken, Task<AuditPage>> nextPage, JsonSerializerOptions json, Guid organizationId)
        => Results.Stream(async body =>
        {
            var page = first;
            while (true)
            {
                foreach (var item in page.Items)
                {
                    await JsonSerializer.SerializeAsync(body, item, json);
                    await body.WriteAsync(NewLine);
                }

                await body.FlushAsync();
                if (page.NextCursor is not { } next)
                {
                    break;
                }

                page = await nextPage(next, CancellationToken.None);
            }
        }, MediaType, fileDownloadName: $"audit-{organizationId}.ndjson");
}
