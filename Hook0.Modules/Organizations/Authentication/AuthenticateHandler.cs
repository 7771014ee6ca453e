using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>Answers <see cref="AuthenticateQuery"/> with the resolver the API's bearer authentication uses.</summary>
internal sealed class AuthenticateHandler(BiscuitTokenResolver resolver) : IQueryHandler<AuthenticateQuery, Caller?>
{
    public ValueTask<Caller?> Handle(AuthenticateQuery query, CancellationToken cancellationToken)
        => resolver.ResolveAsync(query.Bearer, cancellationToken);
}
