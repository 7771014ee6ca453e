using System.Text;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.GetResponse;

internal sealed class GetResponseHandler(DeliveryDbContext db) : IQueryHandler<GetResponseQuery, ResponseDto>
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async ValueTask<ResponseDto> Handle(GetResponseQuery query, CancellationToken cancellationToken)
    {
        var response = await (
                from r in db.Responses.AsNoTracking()
                where r.Id == query.ResponseId
                      && db.RequestAttempts.Any(a => a.ResponseId == r.Id && a.ApplicationId == query.ApplicationId)
                select r)
            .FirstOrDefaultAsync(cancellationToken) ?? throw Problems.NotFound.ToException();
        return new ResponseDto(response.Id, response.ResponseErrorName, response.HttpCode, response.Headers, BodyText(response.Body),
            response.ElapsedTimeMs, response.BodyTruncated);
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
