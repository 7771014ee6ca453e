using Hook0.Modules.Dashboard.ServiceTokens;

namespace Hook0.Tests.Dashboard;

/// <summary>The attenuation form's Datalog, as upstream documents the recipes (reference §6.4).</summary>
public sealed class AttenuationRecipeTests
{
    [Test]
    public void Each_restriction_is_one_check()
    {
        var app = Guid.Parse("0190d2f5-7c4e-7a1b-9c3d-112233445566");
        var code = AttenuationRecipe.Build(app, readOnly: true, new DateTimeOffset(2027, 1, 31, 23, 59, 59, TimeSpan.Zero), "check if labels($l);");
        var lines = code.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(4));
            Assert.That(lines[0], Is.EqualTo("check if application_id(hex:0190d2f57c4e7a1b9c3d112233445566);"), "the UUID's bytes in RFC 4122 order");
            Assert.That(lines[1], Does.StartWith("check if action($a), {\"application:get\", \"application:list\""));
            Assert.That(lines[1], Does.Not.Contain("application:create").And.Not.Contain("subscription:edit"));
            Assert.That(lines[2], Is.EqualTo("check if time($t), $t <= 2027-01-31T23:59:59Z;"));
            Assert.That(lines[3], Is.EqualTo("check if labels($l);"));
        });
    }

    [Test]
    public void No_restriction_is_no_block()
        => Assert.That(AttenuationRecipe.Build(null, false, null, "  "), Is.Empty);
}
