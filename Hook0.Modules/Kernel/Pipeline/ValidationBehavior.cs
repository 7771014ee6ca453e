using FluentValidation;
using Hook0.Modules.Kernel.Validation;
using Mediator;

namespace Hook0.Modules.Kernel.Pipeline;

/// <summary>Runs the message's validators; any failure is a 422 <c>Validation</c> problem and the handler never runs.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                throw ValidationProblem.From(result.Errors);
            }
        }

        return await next(message, cancellationToken);
    }
}
