using Hook0.Modules.Dashboard.Common;

namespace Hook0.Tests.Dashboard;

/// <summary>The chrome reads which organization and application an address is about.</summary>
public sealed class PlaceTests
{
    private const string Org = "0190d2f5-7c4e-7a1b-9c3d-112233445566";
    private const string App = "0190d2f5-7c4e-7a1b-9c3d-665544332211";

    [TestCase($"http://h/organizations/{Org}", Org, null)]
    [TestCase($"http://h/organizations/{Org}/members?x=1", Org, null)]
    [TestCase($"http://h/organizations/{Org}/applications/{App}/subscriptions/new", Org, App)]
    [TestCase("http://h/organizations/new", null, null)]
    [TestCase($"http://h/organizations/{Org}x", null, null)]
    public void Address_names_its_organization_and_application(string uri, string? organization, string? application)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Place.Organization(uri), Is.EqualTo(organization is null ? null : Guid.Parse(organization)));
            Assert.That(Place.Application(uri), Is.EqualTo(application is null ? null : Guid.Parse(application)));
        });
    }
}
