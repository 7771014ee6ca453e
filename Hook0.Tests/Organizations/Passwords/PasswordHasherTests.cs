using System.Text.RegularExpressions;
using Hook0.Modules.Organizations.Passwords;

namespace Hook0.Tests.Organizations.Passwords;

/// <summary>Argon2id PHC strings compatible with upstream's (Rust argon2 0.5 defaults).</summary>
public sealed partial class PasswordHasherTests
{
    private readonly PasswordHasher _hasher = new();

    // Produced by the Argon2 reference implementation (Debian's `argon2` command, 0~20171227), not by NSec:
    //   echo -n 'correct horse battery staple' | argon2 'hook0-salt-16byt' -id -t 2 -k 19456 -p 1 -l 32 -e
    private const string ReferenceVector = "$argon2id$v=19$m=19456,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c";

    // Other costs and a non-ASCII password (UTF-8):
    //   echo -n 'Pässwörd ünïcode 🔑' | argon2 'saltsaltsaltsalt' -id -t 3 -k 8192 -p 1 -l 32 -e
    private const string OtherCostVector = "$argon2id$v=19$m=8192,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$5Qydjae4WOrU2mS2NpYQkNDGLtKtclFIPqFPiC7EKSU";

    [Test]
    public void A_hash_is_a_phc_string_with_upstreams_parameters()
        => Assert.That(_hasher.Hash("correct horse battery staple"), Does.Match(PhcShape()));

    [Test]
    public void A_hash_verifies_its_password_and_no_other()
    {
        var phc = _hasher.Hash("correct horse battery staple");

        Assert.Multiple(() =>
        {
            Assert.That(_hasher.Verify("correct horse battery staple", phc), Is.True);
            Assert.That(_hasher.Verify("correct horse battery stapl", phc), Is.False);
            Assert.That(_hasher.Verify("Correct horse battery staple", phc), Is.False);
        });
    }

    [Test]
    public void Each_hash_has_its_own_salt()
        => Assert.That(_hasher.Hash("same password"), Is.Not.EqualTo(_hasher.Hash("same password")));

    [Test]
    public void A_hash_from_the_reference_implementation_verifies()
        => Assert.Multiple(() =>
        {
            Assert.That(_hasher.Verify("correct horse battery staple", ReferenceVector), Is.True);
            Assert.That(_hasher.Verify("correct horse battery staplf", ReferenceVector), Is.False);
        });

    [Test]
    public void A_hash_with_other_costs_verifies_with_the_costs_it_names()
        => Assert.Multiple(() =>
        {
            Assert.That(_hasher.Verify("Pässwörd ünïcode 🔑", OtherCostVector), Is.True);
            Assert.That(_hasher.Verify("Passwörd ünïcode 🔑", OtherCostVector), Is.False);
            // The same string read with our default costs would give another hash.
            Assert.That(_hasher.Verify("Pässwörd ünïcode 🔑", OtherCostVector.Replace("m=8192,t=3", "m=19456,t=2", StringComparison.Ordinal)), Is.False);
        });

    [TestCase("")]
    [TestCase("not a hash")]
    [TestCase("$argon2i$v=19$m=19456,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=16$m=19456,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=19456,t=2$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=19456,t=2,p=1,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=-1,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=99999999999,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=19456,t=0,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=19456,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA==$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=19456,t=2,p=1$aG9v azAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=19456,t=2,p=1$c2hvcnQ$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c")]
    [TestCase("$argon2id$v=19$m=19456,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA$")]
    [TestCase("$argon2id$v=19$m=19456,t=2,p=1$aG9vazAtc2FsdC0xNmJ5dA$Dm32k7jRHd/w+C/KdSrdYIT/EuQe0ImALm+Mv3Mho+c$extra")]
    public void A_malformed_hash_does_not_verify(string phc)
        => Assert.That(_hasher.Verify("correct horse battery staple", phc), Is.False);

    [Test]
    public void A_hash_with_several_lanes_is_refused_rather_than_thrown()
    {
        // echo -n 'Pässwörd ünïcode 🔑' | argon2 'saltsaltsaltsalt' -id -t 3 -k 8192 -p 2 -l 32 -e
        const string twoLanes = "$argon2id$v=19$m=8192,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$FqgOg5PhtkMCaFfl8XQmbY9Jtj/QdVqnbRp7ska2SJQ";

        Assert.That(_hasher.Verify("Pässwörd ünïcode 🔑", twoLanes), Is.False);
    }

    [Test]
    public void A_login_for_an_unknown_account_costs_about_what_a_real_check_costs()
    {
        var phc = _hasher.Hash("correct horse battery staple");
        _hasher.Verify("warm up", phc);
        _hasher.VerifyDummy("warm up");

        var real = Median(() => _hasher.Verify("wrong password", phc));
        var dummy = Median(() => Assert.That(_hasher.VerifyDummy("wrong password"), Is.False));

        // Same algorithm and cost (a missing dummy check would answer in microseconds); the factor absorbs a busy shared machine.
        Assert.That(dummy.TotalMilliseconds, Is.InRange(real.TotalMilliseconds / 3, real.TotalMilliseconds * 3), $"real {real}, dummy {dummy}");
    }

    private static TimeSpan Median(Action action)
    {
        var samples = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            action();
            samples.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        samples.Sort();
        return samples[2];
    }

    [GeneratedRegex(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$")]
    private static partial Regex PhcShape();
}
