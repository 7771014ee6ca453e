namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>No access token could be obtained; recorded as <c>E_OAUTH2</c>. Its message never holds the client secret.</summary>
internal sealed class OAuth2TokenException(string message) : Exception(message);
