using FluentValidation;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Accounts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ChangePassword;

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator() => RuleFor(c => c.NewPassword).ValidSecret(1, 1000);
}

internal sealed class ChangePasswordHandler(OrganizationsDbContext db, PasswordChanger changer) : ICommandHandler<ChangePasswordCommand>
{
    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.Caller.UserId, cancellationToken) ?? throw Problems.Forbidden.ToException();
        await changer.ChangeAsync(user, command.NewPassword, cancellationToken);
        return Unit.Value;
    }
}
