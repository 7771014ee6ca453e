using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Kernel.Pipeline;

/// <summary>Authorizes every <see cref="IAuthorizedRequest"/> before validation and the handler run.</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(AccessPolicy policy, AuditOrigin origin) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IAuthorizedRequest request)
        {
            await policy.AuthorizeAsync(request.Access, cancellationToken);
            // The audit records this scope writes name this caller (only once authorized: a refusal writes none).
            origin.Adopt(request.Access.Caller);
        }

        return await next(message, cancellationToken);
    }
}
