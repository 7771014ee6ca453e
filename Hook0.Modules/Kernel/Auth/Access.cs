using Hook0.Biscuit.Datalog;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>What a request wants to do, and on what: the input of authorization.</summary>
/// <param name="Caller">Who asks.</param>
/// <param name="Action">An upstream action name from <see cref="Actions"/>.</param>
/// <param name="OrganizationId">The organization acted on, for organization-scoped actions.</param>
/// <param name="ApplicationId">The application acted on, for application-scoped actions.</param>
/// <param name="Facts">
/// Action-specific facts given to the Datalog authorizer (upstream's <c>subscription_id</c>,
/// <c>service_token_id</c>, <c>labels</c>, …), which attenuation blocks may test; see <see cref="AccessFacts"/>.
/// </param>
public sealed record Access(
    Caller Caller,
    ActionName Action,
    Guid? OrganizationId = null,
    Guid? ApplicationId = null,
    IReadOnlyList<Fact>? Facts = null);

/// <summary>A mediator message that must be authorized before its handler runs.</summary>
public interface IAuthorizedRequest
{
    Access Access { get; }
}
