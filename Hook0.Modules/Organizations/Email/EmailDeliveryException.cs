namespace Hook0.Modules.Organizations.Email;

/// <summary>The SMTP server could not be reached or refused the message; the message never names credentials.</summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
        : this("The e-mail could not be sent.")
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
