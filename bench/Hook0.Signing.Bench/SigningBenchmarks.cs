using System.Text;
using BenchmarkDotNet.Attributes;
using Hook0.Modules.Delivery.Sending.Signing;
using NSec.Cryptography;

namespace Hook0.Signing.Bench;

/// <summary>
/// What signing adds to one delivery (1 KiB JSON body, upstream's headers plus one custom header), per
/// scheme choice: the worker's only per-delivery work that grows with <c>signature_schemes</c>.
/// </summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_765_443_663);
    private static readonly Guid EventId = Guid.Parse("1a01cb48-5142-4d9b-8f90-d20cca61f0ee");
    private static readonly Guid SubscriptionId = Guid.Parse("9b6c2d1e-7f3a-4c5b-8e9d-0a1b2c3d4e5f");

    private readonly string _secret = Guid.NewGuid().ToString("D");
    private readonly string _previousSecret = Guid.NewGuid().ToString("D");
    private byte[] _payload = null!;
    private KeyValuePair<string, string>[] _headers = null!;
    private byte[][] _oneKey = null!;
    private byte[][] _twoKeys = null!;
    private Key _ed25519 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _payload = Encoding.UTF8.GetBytes("{\"invoice\":\"" + new string('x', 1000) + "\"}");
        _headers = [.. DeliveryHeaders.Compose([new("x-custom", "yes")], "application/json", EventId, "billing.invoice.paid")];
        _oneKey = [Encoding.UTF8.GetBytes(_secret)];
        _twoKeys = [Encoding.UTF8.GetBytes(_secret), Encoding.UTF8.GetBytes(_previousSecret)];
        _ed25519 = Key.Create(SignatureAlgorithm.Ed25519);
    }

    [GlobalCleanup]
    public void Cleanup() => _ed25519.Dispose();

    [Benchmark(Baseline = true, Description = "hook0 (X-Hook0-Signature v1)")]
    public string Hook0Only() => Hook0Signer.Sign(_secret, Now, _headers, _payload, SignatureVersions.V1).HeaderValue!;

    [Benchmark(Description = "standard (webhook-signature v1)")]
    public string StandardOnly() => StandardSigner.Sign(StandardSigner.WebhookId(EventId, SubscriptionId), Now, _payload, _oneKey, []);

    [Benchmark(Description = "both (default)")]
    public int Both()
        => Hook0Signer.Sign(_secret, Now, _headers, _payload, SignatureVersions.V1).HeaderValue!.Length
           + StandardSigner.Sign(StandardSigner.WebhookId(EventId, SubscriptionId), Now, _payload, _oneKey, []).Length;

    [Benchmark(Description = "both, during a rotation (2 secrets)")]
    public int BothRotating()
        => Hook0Signer.Sign(_previousSecret, Now, _headers, _payload, SignatureVersions.V1).HeaderValue!.Length
           + StandardSigner.Sign(StandardSigner.WebhookId(EventId, SubscriptionId), Now, _payload, _twoKeys, []).Length;

    [Benchmark(Description = "both + v1a Ed25519")]
    public int BothWithEd25519()
        => Hook0Signer.Sign(_secret, Now, _headers, _payload, SignatureVersions.V1).HeaderValue!.Length
           + StandardSigner.Sign(StandardSigner.WebhookId(EventId, SubscriptionId), Now, _payload, _oneKey, [_ed25519]).Length;
}
