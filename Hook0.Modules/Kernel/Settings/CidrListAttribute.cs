using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Hook0.Modules.Kernel.Settings;

/// <summary>A comma-separated list of IP addresses or CIDR ranges (checked at start-up, not at the first request).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CidrListAttribute : ValidationAttribute
{
    public CidrListAttribute()
        : base("must be a comma-separated list of IP addresses or CIDR ranges")
    {
    }

    public override bool IsValid(object? value)
        => value is not string text
           || text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
               .All(range => IPNetwork.TryParse(range, out _) || IPAddress.TryParse(range, out _));
}
