namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>One rejected field of a retry policy; <see cref="Field"/> is relative to the policy object.</summary>
internal sealed record RetryPolicyError(string Field, string Message);
