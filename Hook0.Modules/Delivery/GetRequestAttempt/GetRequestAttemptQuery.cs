using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.GetRequestAttempt;

internal sealed class GetRequestAttemptHandler(DeliveryDbContext db, TimeProvider time) : IQueryHandler<GetRequestAttemptQuery, RequestAttemptDto>
{
    public async ValueTask<RequestAttemptDto> Handle(GetRequestAttemptQuery query, CancellationToken cancellationToken)
    {
        var attempts = db.RequestAttempts.AsNoTracking().Where(a => a.Id == query.RequestAttemptId && a.ApplicationId == query.ApplicationId);
        var row = await AttemptProjection.Project(db, attempts).FirstOrDefaultAsync(cancellationToken) ?? throw Problems.NotFound.ToException();
        return row.ToDto(time.GetUtcNow().UtcDateTime);
    }
}
