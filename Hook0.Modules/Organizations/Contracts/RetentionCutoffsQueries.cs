using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Organizations.Housekeeping;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The purge cutoff of every application: its retention (from <see cref="GetRetentionQuery"/>) plus a grace period.</summary>
public static class RetentionCutoffsQueries
{
    public static async Task<RetentionCutoffs> GetRetentionCutoffsAsync(this ISender sender, int graceDays, DateTime now, CancellationToken cancellationToken)
    {
        var retention = await sender.Send(new GetRetentionQuery(), cancellationToken);
        return RetentionCutoffs.From(retention.Select(r => (r.ApplicationId, r.Days)), graceDays, now);
    }
}
