using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.FaultInjection;

/// <summary>What the fuzzer knows about the server it attacks: the attacker's tenant (A), the victim's ids (B), routes and credentials.</summary>
internal sealed class FuzzTarget
{
    public required Tenant A { get; init; }

    public required Tenant B { get; init; }

    public required string[] Ids { get; init; }

    public required List<FuzzRoute> Routes { get; init; }

    /// <summary>Valid, invalid and absent bearers (null: no Authorization header).</summary>
    public required string?[] Credentials { get; init; }

    /// <summary>A verified dashboard user: the login form's redirect is checked with a right password.</summary>
    public required string UserEmail { get; init; }

    public required string UserPassword { get; init; }

    /// <summary>The login page's antiforgery field and the cookie it pairs with (null if the page had none).</summary>
    public string? AntiforgeryToken { get; init; }

    public string? AntiforgeryCookie { get; init; }

    /// <summary>Tenant A's event types whose schemas carry a catastrophic pattern (index into <see cref="HostileInputs.CatastrophicPatterns"/>), on a value or on property names.</summary>
    public List<CatastrophicType> CatastrophicTypes { get; init; } = [];

    /// <summary>Tenant A's event types with recursive, deep or wide schemas, or a dangling reference the server stored.</summary>
    public List<string> OtherHostileTypes { get; init; } = [];
}

internal sealed record CatastrophicType(string Name, int Pattern, bool OnPropertyNames);
