namespace Hook0.Modules.Delivery.Listen;

/// <summary>No listener took the delivery (none connected, or its connection dropped before answering): the attempt is released, not failed.</summary>
internal sealed class ListenerGoneException : Exception
{
    public ListenerGoneException()
        : base("No hook0 listen session took the delivery.")
    {
    }

    public ListenerGoneException(string message)
        : base(message)
    {
    }

    public ListenerGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
