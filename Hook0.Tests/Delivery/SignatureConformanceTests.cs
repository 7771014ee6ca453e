using System.Text;
using System.Text.Json;
using Hook0.Modules.Delivery.Sending.Signing;

namespace Hook0.Tests.Delivery;

/// <summary>Every vector of the shared contract (conformance/signature.json) through the verifier.</summary>
public sealed class SignatureConformanceTests
{
    public static IEnumerable<TestCaseData> Vectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Contract", "signature.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var name = vector.GetProperty("name").GetString()!;
            var expected = vector.GetProperty("verdict").GetString() == "accepted"
                ? "accepted"
                : vector.GetProperty("refusal").GetString()!;
            var headers = vector.GetProperty("headers").EnumerateArray()
                .Select(pair => KeyValuePair.Create(pair[0].GetString()!, pair[1].GetString()!))
                .ToArray();
            yield return new TestCaseData(
                    vector.GetProperty("secret").GetString(),
                    vector.GetProperty("payload").GetString(),
                    headers,
                    vector.GetProperty("signature").GetString(),
                    vector.GetProperty("current_time").GetInt64(),
                    vector.GetProperty("tolerance_seconds").GetInt32(),
                    expected)
                .SetName($"Conformance: {name}");
        }
    }

    [TestCaseSource(nameof(Vectors))]
    public void Vector_gets_the_expected_verdict(
        string secret, string payload, KeyValuePair<string, string>[] headers, string signature, long currentTime, int toleranceSeconds, string expected)
    {
        var verdict = SignatureVerifier.Verify(
            signature,
            Encoding.UTF8.GetBytes(payload),
            name => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value,
            secret,
            DateTimeOffset.FromUnixTimeSeconds(currentTime),
            TimeSpan.FromSeconds(toleranceSeconds));

        Assert.That(verdict, Is.EqualTo(Expected(expected)));
    }

    [Test]
    public void The_file_holds_the_twelve_vectors_it_promises()
    {
        Assert.That(Vectors().Count(), Is.EqualTo(12));
    }

    private static SignatureVerdict Expected(string name) => name switch
    {
        "accepted" => SignatureVerdict.Accepted,
        "code_not_hexadecimal" => SignatureVerdict.CodeNotHexadecimal,
        "header_not_delivered" => SignatureVerdict.HeaderNotDelivered,
        "code_mismatch" => SignatureVerdict.CodeMismatch,
        "outside_tolerance" => SignatureVerdict.OutsideTolerance,
        _ => throw new InvalidDataException($"Unknown verdict '{name}'."),
    };
}
