using Hook0.Biscuit;
using Hook0.Biscuit.Crypto;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Tokens;

/// <summary>
/// Anyone holding a token can append blocks: what they append is bounded (statements, blocks, bytes)
/// before it is evaluated, and a token past a bound is an invalid token (403 AuthInvalidBiscuit, as upstream).
/// </summary>
public sealed class AttenuationBoundsTests : ApiTest
{
    private static readonly PublicKey RootKey = KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey).PublicKey;

    [Test]
    public async Task Sixty_four_appended_statements_are_evaluated_and_sixty_five_are_refused_unread()
    {
        var (token, organizationId) = await ServiceTokenAsync();
        var atLimit = Attenuate(token, 40, 24);
        var pastLimit = Attenuate(token, 40, 25);

        Assert.That((int)(await As(atLimit).GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(200));
        await AssertProblemAsync(await As(pastLimit).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "AuthInvalidBiscuit");
    }

    [Test]
    public async Task The_statement_bound_counts_across_blocks_and_the_block_bound_holds()
    {
        var (token, organizationId) = await ServiceTokenAsync();
        var spread = token;
        for (var i = 0; i < 5; i++)
        {
            spread = Attenuate(spread, 13, 0);
        }

        var fifteenBlocks = token;
        for (var i = 0; i < 15; i++)
        {
            fifteenBlocks = Attenuate(fifteenBlocks, 1, 0);
        }

        var sixteenBlocks = Attenuate(fifteenBlocks, 1, 0);

        await AssertProblemAsync(await As(spread).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "AuthInvalidBiscuit");
        Assert.That((int)(await As(fifteenBlocks).GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(200));
        await AssertProblemAsync(await As(sixteenBlocks).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "AuthInvalidBiscuit");
    }

    private static async Task<(string Token, Guid OrganizationId)> ServiceTokenAsync()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();
        var created = await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = organizationId, name = "test" });
        return (created["biscuit"]!.GetValue<string>(), organizationId);
    }

    /// <summary>Appends one block of harmless checks and facts, as any holder could, offline.</summary>
    private static string Attenuate(string token, int checks, int facts)
    {
        var block = new BlockBuilder();
        for (var i = 0; i < checks; i++)
        {
            block.AddCheck($"check if true || {i} == {i}");
        }

        for (var i = 0; i < facts; i++)
        {
            block.AddFact($"note({i})");
        }

        return BiscuitToken.Parse(token, RootKey).Attenuate(block).ToBase64();
    }
}
