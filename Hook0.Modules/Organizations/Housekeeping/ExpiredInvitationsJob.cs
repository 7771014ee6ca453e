using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>Removes invitations expired for longer than the expired-token grace period (they are never shown or accepted again).</summary>
internal sealed class ExpiredInvitationsJob(NpgsqlDataSource db, IOptions<HousekeepingOptions> options, TimeProvider time)
    : ExpiredCredentialsJob(db, options, time)
{
    public override string Name => "expired invitations";

    protected override (string Table, string Key, string ExpiresAt) Rows => ("iam.invitation", "invitation_id", "expires_at");
}
