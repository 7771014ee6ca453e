using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>Removes token rows expired for longer than the grace period (revocation checks never need them again).</summary>
internal sealed class ExpiredTokensJob(NpgsqlDataSource db, IOptions<HousekeepingOptions> options, TimeProvider time)
    : ExpiredCredentialsJob(db, options, time)
{
    public override string Name => "expired tokens";

    protected override (string Table, string Key, string ExpiresAt) Rows => ("iam.token", "token_id", "expired_at");
}
