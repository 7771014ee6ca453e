using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.DeleteApplication;

/// <summary>Soft-deletes an application: it disappears from every list and its secrets stop authenticating.</summary>
public sealed record DeleteApplicationCommand(Caller Caller, Guid ApplicationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationDelete, ApplicationId: ApplicationId);
}

internal sealed class DeleteApplicationHandler(OrganizationsDbContext db, TimeProvider time) : ICommandHandler<DeleteApplicationCommand>
{
    public async ValueTask<Unit> Handle(DeleteApplicationCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        var deleted = await db.Applications.Where(a => a.Id == command.ApplicationId && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeletedAt, now), cancellationToken);
        return deleted == 0 ? throw Problems.NotFound.ToException() : Unit.Value;
    }
}
