using System.Text.Json;
using FluentValidation;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Sending.Egress;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>
/// The egress fields of a subscription (ADR 0031): a proxy is chosen by a name the operator defined, never by address.
/// Beside <see cref="SubscriptionFieldsValidator{T}"/> (both run; the validation behaviour takes every validator).
/// </summary>
internal abstract class EgressFieldsValidator<T> : AbstractValidator<T>
    where T : ISubscriptionCommand
{
    protected EgressFieldsValidator(EgressProxies proxies, TimeProvider time)
    {
        RuleFor(s => s.Fields.Proxy)
            .Must(v => v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                       || (v.ValueKind == JsonValueKind.String && proxies.IsChoosable(v.GetString()!)))
            .WithErrorCode("proxy")
            .WithMessage(_ => $"must be null, \"{EgressProxies.Direct}\" or a proxy this instance defines ({string.Join(", ", proxies.Names.DefaultIfEmpty("none defined"))})")
            .OverridePropertyName("proxy");
        RuleFor(s => s.Fields.OAuth2).Custom((value, context) =>
        {
            if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                return;
            }

            var errors = new List<(string Field, string Message)>();
            OAuth2Input.Read(value, errors);
            foreach (var (field, message) in errors)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(field, message) { ErrorCode = "oauth2" });
            }
        });
        RuleFor(s => s.Fields.ClientCertificates).Custom((value, context) =>
        {
            if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                return;
            }

            var errors = new List<(string Field, string Message)>();
            ClientCertificatesInput.Read(value, time.GetUtcNow().UtcDateTime, errors)?.ForEach(e => e.Certificate?.Dispose());
            foreach (var (field, message) in errors)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(field, message) { ErrorCode = "client-certificate" });
            }
        });
        RuleFor(s => s.Fields.ServerCaPem).Custom((value, context) =>
        {
            if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            {
                return;
            }

            var errors = new List<(string Field, string Message)>();
            ClientCertificatesInput.ReadCaBundle(value, errors)?.ToList().ForEach(c => c.Dispose());
            foreach (var (field, message) in errors)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(field, message) { ErrorCode = "server-ca" });
            }
        });
    }
}

internal sealed class CreateSubscriptionEgressValidator(EgressProxies proxies, TimeProvider time) : EgressFieldsValidator<CreateSubscriptionCommand>(proxies, time);

internal sealed class EditSubscriptionEgressValidator(EgressProxies proxies, TimeProvider time) : EgressFieldsValidator<EditSubscriptionCommand>(proxies, time);
