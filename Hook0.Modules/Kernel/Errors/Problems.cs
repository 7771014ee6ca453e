namespace Hook0.Modules.Kernel.Errors;

/// <summary>
/// The problem catalogue. The first 46 ids, their statuses and meaning are upstream Hook0's (wire
/// compatibility); the ids after them are this implementation's additions, recorded in ADR 0003.
/// </summary>
public static class Problems
{
    public static readonly Problem OrganizationNameMissing = new("OrganizationNameMissing", 400, "Organization's name cannot be empty", "Organization's name must have at least 1 character.");
    public static readonly Problem UserAlreadyExist = new("UserAlreadyExist", 409, "This user already exist", "An account with this e-mail address already exists.");
    public static readonly Problem RegistrationDisabled = new("RegistrationDisabled", 410, "Registrations are disabled", "This instance does not accept new registrations.");
    public static readonly Problem PasswordTooShort = new("PasswordTooShort", 400, "Provided password is too short", "The password is shorter than the minimum length.");
    public static readonly Problem PasswordTooLong = new("PasswordTooLong", 400, "Provided password is too long", "The password must be at most 100 characters long.");
    public static readonly Problem PasswordSimilarToEmail = new("PasswordSimilarToEmail", 400, "Provided password is too similar to the e-mail address", "The password must not be derived from the e-mail address.");
    public static readonly Problem PasswordSimilarToName = new("PasswordSimilarToName", 400, "Provided password is too similar to the name", "The password must not be derived from the first or last name.");
    public static readonly Problem PasswordTooCommon = new("PasswordTooCommon", 400, "Provided password is too common", "The password appears in a list of commonly used passwords.");
    public static readonly Problem PasswordNotDiverseEnough = new("PasswordNotDiverseEnough", 400, "Provided password is not diverse enough", "The password needs at least 4 distinct characters and must not repeat a shorter pattern.");
    public static readonly Problem OrganizationIsNotEmpty = new("OrganizationIsNotEmpty", 409, "Organization is not empty", "Delete every application of this organization before deleting it.");
    public static readonly Problem InvitedUserDoesNotExist = new("InvitedUserDoesNotExist", 404, "Invited user does not exist", "Kept for upstream compatibility and never answered here: any address can be invited, and gets a pending invitation (ADR 0015).");
    public static readonly Problem InvitedUserAlreadyInOrganization = new("InvitedUserAlreadyInOrganization", 409, "Invited user is already a member", "This user is already a member of the organization.");
    public static readonly Problem ApplicationNameMissing = new("ApplicationNameMissing", 400, "Application's name cannot be empty", "Application's name must have at least 2 characters.");
    public static readonly Problem InvalidRole = new("InvalidRole", 400, "Invalid role", "The role must be 'editor' or 'viewer'.");
    public static readonly Problem EventTypeAlreadyExist = new("EventTypeAlreadyExist", 409, "This event type already exist", "An event type with this name already exists for this application.");
    public static readonly Problem EventTypeDoesNotExist = new("EventTypeDoesNotExist", 400, "This event type does not exist", "The event type must be created for this application first.");
    public static readonly Problem UnauthorizedWorkers = new("UnauthorizedWorkers", 400, "Some workers are not allowed", "The subscription names workers this organization may not use.");
    public static readonly Problem EventAlreadyIngested = new("EventAlreadyIngested", 409, "This event was already ingested", "An event with this event_id has already been received.");
    public static readonly Problem EventInvalidPayloadContentType = new("EventInvalidPayloadContentType", 400, "Invalid payload content type", "payload_content_type must be one of text/plain, application/json, application/octet-stream+base64.");
    public static readonly Problem EventInvalidBase64Payload = new("EventInvalidBase64Payload", 400, "Invalid base64 payload", "The payload is not valid standard base64.");
    public static readonly Problem EventInvalidJsonPayload = new("EventInvalidJsonPayload", 400, "Invalid JSON payload", "The payload is not valid JSON.");
    public static readonly Problem LabelsAmbiguity = new("LabelsAmbiguity", 400, "Labels are missing or ambiguous", "Provide 'labels', or both 'label_key' and 'label_value'.");
    public static readonly Problem InvalidDateRange = new("InvalidDateRange", 400, "Invalid date range", "'from' must not be after 'to'.");
    public static readonly Problem AuthNoAuthorizationHeader = new("AuthNoAuthorizationHeader", 401, "No Authorization header was found in the HTTP request", "An 'Authorization: Bearer <token>' header is required.");
    public static readonly Problem AuthInvalidAuthorizationHeader = new("AuthInvalidAuthorizationHeader", 400, "Invalid Authorization header", "The Authorization header must contain visible ASCII characters only.");
    public static readonly Problem AuthApplicationSecretLookupError = new("AuthApplicationSecretLookupError", 500, "Could not check the application secret", "The application secret could not be checked; try again.");
    public static readonly Problem AuthInvalidApplicationSecret = new("AuthInvalidApplicationSecret", 403, "Invalid application secret", "The application secret is unknown or was deleted.");
    public static readonly Problem AuthBiscuitLookupError = new("AuthBiscuitLookupError", 500, "Could not check the token", "The token's revocation state could not be checked; try again.");
    public static readonly Problem AuthInvalidBiscuit = new("AuthInvalidBiscuit", 403, "Invalid credentials", "The token is unknown, revoked, expired or was not issued by this instance.");
    public static readonly Problem AuthFailedLogin = new("AuthFailedLogin", 401, "Login failed", "The e-mail address or the password is wrong.");
    public static readonly Problem AuthEmailNotVerified = new("AuthEmailNotVerified", 401, "E-mail address not verified", "Verify your e-mail address before logging in.");
    public static readonly Problem AuthEmailAlreadyVerified = new("AuthEmailAlreadyVerified", 409, "E-mail address already verified", "This e-mail address has already been verified.");
    public static readonly Problem AuthFailedRefresh = new("AuthFailedRefresh", 401, "Refreshing the session failed", "The refresh token is invalid, expired or was already used.");
    public static readonly Problem AuthEmailExpired = new("AuthEmailExpired", 401, "The link is invalid or expired", "Ask for a new e-mail.");
    public static readonly Problem TooManyMembersPerOrganization = new("TooManyMembersPerOrganization", 429, "Too many members in this organization", "The organization reached its members quota.");
    public static readonly Problem TooManyApplicationsPerOrganization = new("TooManyApplicationsPerOrganization", 429, "Too many applications in this organization", "The organization reached its applications quota.");
    public static readonly Problem TooManyEventsToday = new("TooManyEventsToday", 429, "Too many events today", "The application reached its events-per-day quota.");
    public static readonly Problem TooManySubscriptionsPerApplication = new("TooManySubscriptionsPerApplication", 429, "Too many subscriptions in this application", "The application reached its subscriptions quota.");
    public static readonly Problem TooManyEventTypesPerApplication = new("TooManyEventTypesPerApplication", 429, "Too many event types in this application", "The application reached its event types quota.");
    public static readonly Problem JsonPayload = new("JsonPayload", 400, "Could not parse the JSON body", "The request body must be a JSON document of the expected shape, sent with 'Content-Type: application/json'.");
    public static readonly Problem Validation = new("Validation", 422, "Provided input is malformed", "Some fields are invalid; see 'validation'.");
    public static readonly Problem NotFound = new("NotFound", 404, "Item not found", "The resource does not exist or you cannot access it.");
    public static readonly Problem InternalServerError = new("InternalServerError", 500, "Internal server error", "Something unexpected happened; it has been logged.");
    public static readonly Problem Forbidden = new("Forbidden", 403, "Insufficient rights", "You are not allowed to perform this action.");
    public static readonly Problem RateLimited = new("RateLimited", 429, "Too many requests", "Slow down and retry after the delay given by the Retry-After header.");
    public static readonly Problem ServiceUnavailable = new("ServiceUnavailable", 503, "Service unavailable", "The service is temporarily unavailable; retry after the delay given by the Retry-After header.");

    // Additions (ADR 0003): refusals upstream answered outside the problem format.
    public static readonly Problem MethodNotAllowed = new("MethodNotAllowed", 405, "Method not allowed", "This route does not accept this HTTP method.");
    public static readonly Problem InvalidParameter = new("InvalidParameter", 400, "Invalid parameter", "A query-string or path parameter is missing or malformed.");

    // Addition (ADR 0008): rotating again while earlier secrets are all still in their grace period.
    public static readonly Problem TooManySubscriptionSecrets = new("TooManySubscriptionSecrets", 409, "Too many valid secrets", "This subscription already has as many valid secrets as allowed; wait for the oldest one's grace period to end before rotating again.");

    // Addition (ADR 0008): the system application that carries operational events is Hook0's, not the user's.
    public static readonly Problem SystemApplication = new("SystemApplication", 409, "System application", "This is the organization's system application, which delivers Hook0's operational events: it cannot be renamed or deleted. Subscribe to it instead.");

    // Addition (ADR 0015): invitations wait for their recipient's answer; an organization may keep only so many waiting.
    public static readonly Problem TooManyPendingInvitations = new("TooManyPendingInvitations", 429, "Too many pending invitations", "This organization has as many pending invitations as allowed; cancel some or wait for them to be answered.");

    // Addition (ADR 0025): payload search reads an index only applications with the setting pay for.
    public static readonly Problem PayloadSearchDisabled = new("PayloadSearchDisabled", 409, "Payload search is off", "This application does not index its events' payloads: turn its payload_search setting on (PUT /applications/{id}); events ingested from then on can be searched.");

    // Addition (ADR 0028): a customer-portal scope may hold only so many endpoints (PORTAL_MAX_ENDPOINTS_PER_SCOPE).
    public static readonly Problem TooManyPortalEndpoints = new("TooManyPortalEndpoints", 429, "Too many endpoints in this portal", "This customer portal already has as many endpoints as allowed; delete one before adding another.");

    // Addition (issue #25, live tail): a credential or the instance already holds as many request-attempt streams as allowed.
    public static readonly Problem TooManyStreams = new("TooManyStreams", 429, "Too many open streams", "This credential (or this instance) already holds as many request-attempt streams as allowed; close one first.");

    /// <summary>Every problem, in catalogue order: what <c>GET /errors</c> lists.</summary>
    public static IReadOnlyList<Problem> All { get; } =
    [
        OrganizationNameMissing, UserAlreadyExist, RegistrationDisabled, PasswordTooShort, PasswordTooLong,
        PasswordSimilarToEmail, PasswordSimilarToName, PasswordTooCommon, PasswordNotDiverseEnough,
        OrganizationIsNotEmpty, InvitedUserDoesNotExist, InvitedUserAlreadyInOrganization, ApplicationNameMissing,
        InvalidRole, EventTypeAlreadyExist, EventTypeDoesNotExist, UnauthorizedWorkers, EventAlreadyIngested,
        EventInvalidPayloadContentType, EventInvalidBase64Payload, EventInvalidJsonPayload, LabelsAmbiguity,
        InvalidDateRange, AuthNoAuthorizationHeader, AuthInvalidAuthorizationHeader, AuthApplicationSecretLookupError,
        AuthInvalidApplicationSecret, AuthBiscuitLookupError, AuthInvalidBiscuit, AuthFailedLogin, AuthEmailNotVerified,
        AuthEmailAlreadyVerified, AuthFailedRefresh, AuthEmailExpired, TooManyMembersPerOrganization,
        TooManyApplicationsPerOrganization, TooManyEventsToday, TooManySubscriptionsPerApplication,
        TooManyEventTypesPerApplication, JsonPayload, Validation, NotFound, InternalServerError, Forbidden,
        RateLimited, ServiceUnavailable,
        MethodNotAllowed, InvalidParameter, TooManySubscriptionSecrets, SystemApplication,
        TooManyPendingInvitations, PayloadSearchDisabled, TooManyPortalEndpoints,
        TooManyStreams,
    ];
}
