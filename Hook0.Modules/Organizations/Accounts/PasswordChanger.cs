using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.LoginProtection;
using Hook0.Modules.Organizations.Passwords;
using Hook0.Modules.Organizations.Sessions;

namespace Hook0.Modules.Organizations.Accounts;

/// <summary>
/// Sets a new password (policy, hash) and ends every session of the user, in one transaction: whoever
/// knew the old password is out at once.
/// </summary>
internal sealed class PasswordChanger(OrganizationsDbContext db, PasswordPolicy policy, PasswordHasher hasher, SessionRevoker revoker, AccountLockout lockout, TimeProvider time)
{
    public async Task ChangeAsync(User user, string newPassword, CancellationToken cancellationToken)
    {
        policy.Enforce(newPassword, new PasswordOwner(user.Email, user.FirstName, user.LastName));
        var hash = await Task.Run(() => hasher.Hash(newPassword), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.UtcNowForDatabase();
        user.PasswordHash = hash;
        user.PasswordChangedAt = now;
        // Receiving the reset link proves the address too.
        user.EmailVerifiedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        // A new password ends any wait or lockout: the way back in for a user locked out by a guesser.
        await lockout.ClearAsync(user.Id, cancellationToken);
        await revoker.RevokeUserAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
