using System.Net;
using System.Text;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>One operator-defined HTTP forward proxy. <see cref="ToString"/> never shows the credentials.</summary>
internal sealed record EgressProxy(string Name, string Host, int Port, NetworkCredential? Credentials)
{
    /// <summary>The <c>Proxy-Authorization</c> value (Basic), or null without credentials.</summary>
    public string? Authorization => Credentials is null
        ? null
        : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Credentials.UserName}:{Credentials.Password}"));

    public override string ToString() => $"{Name} ({Host}:{Port})";
}
