using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Passwords;
using Hook0.Modules.Organizations.Settings;
using Microsoft.Extensions.Options;

namespace Hook0.Tests.Organizations.Passwords;

/// <summary>Upstream's password policy (reference §6.7), rule by rule, with passwords it accepts and refuses.</summary>
public sealed class PasswordPolicyTests
{
    private static readonly PasswordOwner Jordan = new("jordanrivera801@example.com", "Jordan", "Rivera");

    private static string? Verdict(string password, PasswordOwner? owner = null, int minimum = 12)
        => new PasswordPolicy(Options.Create(new IdentityOptions { PasswordMinimumLength = minimum }))
            .Check(password, owner ?? Jordan)?.Problem.Id;

    [TestCase("correct horse battery staple")]
    [TestCase("Tr0ub4dor&3-quilt-lantern")]
    [TestCase("violet-kettle-89-harbour")]
    [TestCase("ça-marche-très-bien-ici")]
    public void A_password_unrelated_to_the_owner_and_uncommon_is_accepted(string password)
        => Assert.That(Verdict(password), Is.Null);

    [Test]
    public void Too_short_names_the_minimum()
    {
        var problem = new PasswordPolicy(Options.Create(new IdentityOptions { PasswordMinimumLength = 14 })).Check("quilt-lantern", Jordan);

        Assert.Multiple(() =>
        {
            Assert.That(problem!.Problem, Is.EqualTo(Problems.PasswordTooShort));
            Assert.That(problem.Detail, Does.Contain("14"));
        });
    }

    [Test]
    public void Length_counts_characters_not_bytes_nor_utf16_units()
        => Assert.Multiple(() =>
        {
            Assert.That(Verdict("éàüßñéàüßñ"), Is.EqualTo("PasswordTooShort")); // 10 characters, 20 UTF-8 bytes
            Assert.That(Verdict("🔑🐘🦀🐍🔑🐘🦀🐍🦊🦊🐝", minimum: 12), Is.EqualTo("PasswordTooShort")); // 11 characters, 22 UTF-16 units
            Assert.That(Verdict("🔑🐘🦀🐍🦊🐝🦉🐙🦋🐢🦜🐳"), Is.Null); // 12 characters
        });

    [Test]
    public void The_minimum_is_a_setting()
        => Assert.Multiple(() =>
        {
            Assert.That(Verdict("quilt-lamp", minimum: 8), Is.Null);
            Assert.That(Verdict("quilt-lamp", minimum: 12), Is.EqualTo("PasswordTooShort"));
        });

    [Test]
    public void More_than_100_characters_is_too_long()
        => Assert.Multiple(() =>
        {
            Assert.That(Verdict(string.Concat(Enumerable.Range(0, 25).Select(i => $"q{i:00}-"))), Is.Null); // 100 characters
            Assert.That(Verdict(string.Concat(Enumerable.Range(0, 26).Select(i => $"q{i:00}-"))), Is.EqualTo("PasswordTooLong")); // 104
        });

    [TestCase("aaaaaaaaaaaaaa")]
    [TestCase("abababababab")]
    [TestCase("abcabcabcabcabc")]
    [TestCase("abcdabcdabcd")]
    [TestCase("123412341234")]
    [TestCase("hook0hook0hook0hook0")]
    [TestCase("abc.abc.abc.abc.")]
    public void Too_few_distinct_characters_or_a_repeated_unit_is_not_diverse_enough(string password)
        => Assert.That(Verdict(password), Is.EqualTo("PasswordNotDiverseEnough"));

    [Test]
    public void A_repeated_unit_with_a_different_ending_is_diverse()
        => Assert.That(Verdict("abcdabcdabce-quilt"), Is.Null);

    [TestCase("jordanrivera801@example.com")]
    [TestCase("JordanRivera801@Example.com")]
    [TestCase("jordanrivera801@example.com!")]
    [TestCase("..jordanrivera801@example.com..")]
    [TestCase("j0rd4nrivera801@example.com")]
    [TestCase("jordanrivera801")]
    [TestCase("xx-jordanrivera801-xx")]
    public void The_email_address_or_its_local_part_with_decoration_is_refused(string password)
        => Assert.That(Verdict(password), Is.EqualTo("PasswordSimilarToEmail"));

    [Test]
    public void A_password_that_is_mostly_the_domain_is_refused()
        => Assert.That(Verdict("acmecorporation.com2026", new PasswordOwner("bob@acmecorporation.com", "Bob", "Smith")), Is.EqualTo("PasswordSimilarToEmail"));

    [Test]
    public void Each_part_of_a_dotted_local_part_counts()
    {
        var john = new PasswordOwner("john.doe-smith+hooks@example.com", "", "");

        Assert.Multiple(() =>
        {
            Assert.That(Verdict("john.doe2026", john), Is.EqualTo("PasswordSimilarToEmail"));
            Assert.That(Verdict("smith!!2026##", john), Is.EqualTo("PasswordSimilarToEmail"));
            Assert.That(Verdict("hooks-2026-ok", john), Is.EqualTo("PasswordSimilarToEmail"));
            Assert.That(Verdict("john", john, minimum: 1), Is.EqualTo("PasswordSimilarToEmail"));
        });
    }

    [TestCase("rivera-is-here")]
    [TestCase("R1v3ra-2026!!")]
    [TestCase("JORDAN.2026.ok")]
    public void A_password_built_around_the_name_is_refused(string password)
        => Assert.That(Verdict(password, new PasswordOwner("someone@example.com", "Jordan", "Rivera")), Is.EqualTo("PasswordSimilarToName"));

    [Test]
    public void A_fragment_with_at_least_eight_other_characters_around_it_is_tolerated()
        => Assert.Multiple(() =>
        {
            Assert.That(Verdict("Rivera-quilt-lantern", new PasswordOwner("someone@example.com", "Jordan", "Rivera")), Is.Null);
            Assert.That(Verdict("TestPassword123!1754000000000", new PasswordOwner("test-navigation-1754000000000@hook0.local", "Test", "User")), Is.Null);
            Assert.That(Verdict("generic thunder quilt", new PasswordOwner("eric@example.com", "Eric", "Smith")), Is.Null);
        });

    [Test]
    public void Fragments_shorter_than_four_characters_are_ignored()
        => Assert.That(Verdict("quilt lantern harbour", new PasswordOwner("l.i@example.com", "Li", "Ito")), Is.Null);

    [TestCase("qwertyuiop12")]
    [TestCase("password1234")]
    [TestCase("letmein2026!")]
    [TestCase("2026letmein!")]
    [TestCase("!!!password!!")]
    [TestCase("..qwerty12345")]
    [TestCase("P@ssw0rd2026")]
    [TestCase("1etmein2026!")]
    [TestCase("baseba112026!")]
    [TestCase("f00tba112026!")]
    [TestCase("superman2026")]
    public void A_common_password_plain_disguised_or_padded_is_refused(string password)
        => Assert.That(Verdict(password, minimum: 8), Is.EqualTo("PasswordTooCommon"));

    [Test]
    public void The_embedded_list_is_a_real_list()
        => Assert.That(CommonPasswords.Count, Is.GreaterThan(10_000));

    [Test]
    public void Rules_apply_in_upstreams_order()
        => Assert.Multiple(() =>
        {
            Assert.That(Verdict("aaaa"), Is.EqualTo("PasswordTooShort"));
            Assert.That(Verdict("aaaaaaaaaaaaaaaa"), Is.EqualTo("PasswordNotDiverseEnough"));
            Assert.That(Verdict("password", new PasswordOwner("password@example.com", "", ""), minimum: 8), Is.EqualTo("PasswordSimilarToEmail"));
        });
}
