namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>The target host could not be resolved within the budget, or to any address; classified <c>E_DNS</c>.</summary>
internal sealed class HostResolutionException : Exception
{
    public HostResolutionException(string message)
        : base(message)
    {
    }
}
