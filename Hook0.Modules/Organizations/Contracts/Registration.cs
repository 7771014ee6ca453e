using System.Text.Json.Serialization;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>What registration answers (201).</summary>
/// <param name="OrganizationId">The new user's personal organization.</param>
/// <param name="UserId">The new user.</param>
/// <param name="VerificationSent">
/// Whether a verification link was sent (false when accounts are verified automatically): the dashboard says which.
/// Not on the wire: upstream's answer is the two ids.
/// </param>
public sealed record Registration(Guid OrganizationId, Guid UserId, [property: JsonIgnore] bool VerificationSent = false);
