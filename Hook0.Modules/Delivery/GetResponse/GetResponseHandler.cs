using System.Text;
using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.GetResponse;

/// <summary>
/// A response lives in its attempt's history row (ADR 0016). Since the second design its id is the attempt's id, so it
/// is found by the history's primary key with created_at bounded around the time that id carries; a response recorded
/// in wave one kept its own id and is found through the legacy-response partial index. Either way only through an
/// attempt of the authorized application.
/// </summary>
internal sealed class GetResponseHandler(DeliveryDbContext db) : IQueryHandler<GetResponseQuery, ResponseDto>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async ValueTask<ResponseDto> Handle(GetResponseQuery query, CancellationToken cancellationToken)
    {
        var id = query.ResponseId;
        var (from, to) = (AttemptKeyset.TimeOf(id) - AttemptKeyset.Slack, AttemptKeyset.TimeOf(id) + AttemptKeyset.Slack);
        var history = db.AttemptHistory.AsNoTracking().Where(a => a.ApplicationId == query.ApplicationId);
        var attempt = await history.Where(a => a.CreatedAt >= from && a.CreatedAt <= to && a.RequestAttemptId == id && a.ResponseId == id)
                          .FirstOrDefaultAsync(cancellationToken)
                      // The predicate repeats the partial index's, so that PostgreSQL can use it.
                      ?? await history.Where(a => a.ResponseId == id && a.ResponseId != a.RequestAttemptId).FirstOrDefaultAsync(cancellationToken)
                      ?? throw Problems.NotFound.ToException();
        return new ResponseDto(id, attempt.ResponseErrorName, attempt.HttpCode, Headers(attempt), BodyText(attempt.ResponseBody),
            attempt.ElapsedMs, attempt.ResponseBodyTruncated);
    }

    /// <summary>The headers as recorded: a JSON object of strings (anything else is shown as its JSON text).</summary>
    private static Dictionary<string, string>? Headers(AttemptRecord attempt)
    {
        if (attempt.ResponseHeaders is not { } json)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? null
            : document.RootElement.EnumerateObject().ToDictionary(p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
    }

    private static string? BodyText(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Convert.ToBase64String(body);
        }
    }
}
