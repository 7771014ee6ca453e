using Hook0.Modules.Kernel.Validation;

namespace Hook0.Tests.Kernel;

/// <summary>
/// The length rule counts characters (Unicode scalar values) as upstream and PostgreSQL do, and skips the count only
/// where the UTF-16 length already decides: each case here is checked against a plain count too.
/// </summary>
public sealed class CharacterLengthTests
{
    private const string Emoji = "\U0001F600"; // one character, two UTF-16 units

    [TestCase("", 0, 5, true)]
    [TestCase("", 1, 5, false)]
    [TestCase("ab", 2, 2, true)]
    [TestCase("abc", 1, 2, false)]
    [TestCase(Emoji, 2, 50, false)] // two units, one character: under a two-character minimum
    [TestCase(Emoji, 1, 1, true)] // two units over a one-unit maximum, yet one character
    [TestCase(Emoji + Emoji, 2, 3, true)]
    [TestCase(Emoji + "a", 2, 2, true)]
    [TestCase("abcd", 3, 3, false)] // fewest possible characters (2) below min and length above max: counted
    public void Characters_are_counted_as_upstream_counts_them(string value, int min, int max, bool expected)
    {
        var count = RuleExtensions.CharacterCount(value);
        Assert.Multiple(() =>
        {
            Assert.That(RuleExtensions.HasCharacters(value, min, max), Is.EqualTo(expected));
            Assert.That(count >= min && count <= max, Is.EqualTo(expected), "the case itself agrees with a plain count");
        });
    }

    [Test]
    public void A_long_payload_is_judged_by_its_characters_near_the_bound()
    {
        var atBound = string.Concat(Enumerable.Repeat(Emoji, 1000)); // 2,000 units, 1,000 characters
        Assert.Multiple(() =>
        {
            Assert.That(RuleExtensions.HasCharacters(atBound, 0, 1000), Is.True);
            Assert.That(RuleExtensions.HasCharacters(atBound, 0, 999), Is.False);
            Assert.That(RuleExtensions.HasCharacters(atBound + "x", 0, 1000), Is.False);
            Assert.That(RuleExtensions.HasCharacters(new string('\uD800', 1), 1, 1), Is.True, "a lone surrogate counts as one");
        });
    }
}
