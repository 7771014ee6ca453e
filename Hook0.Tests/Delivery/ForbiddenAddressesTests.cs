using System.Net;
using Hook0.Modules.Delivery.Sending.TargetGuard;

namespace Hook0.Tests.Delivery;

public sealed class ForbiddenAddressesTests
{
    // IPv4: public addresses, then every forbidden range at its edges.
    [TestCase("1.1.1.1", false)]
    [TestCase("8.8.8.8", false)]
    [TestCase("93.184.215.14", false)]
    [TestCase("223.255.255.255", false)]
    [TestCase("0.0.0.0", true)]
    [TestCase("0.255.255.255", true)]
    [TestCase("9.255.255.255", false)]
    [TestCase("10.0.0.1", true)]
    [TestCase("10.255.255.255", true)]
    [TestCase("11.0.0.0", false)]
    [TestCase("100.63.255.255", false)]
    [TestCase("100.64.0.1", true)]
    [TestCase("100.127.255.255", true)]
    [TestCase("100.128.0.0", false)]
    [TestCase("127.0.0.1", true)]
    [TestCase("127.255.255.254", true)]
    [TestCase("169.254.169.254", true)]
    [TestCase("172.15.255.255", false)]
    [TestCase("172.16.0.1", true)]
    [TestCase("172.31.255.255", true)]
    [TestCase("172.32.0.0", false)]
    [TestCase("192.0.0.8", true)]
    [TestCase("192.0.2.1", true)]
    [TestCase("192.0.3.1", false)]
    [TestCase("192.88.99.1", true)]
    [TestCase("192.168.1.1", true)]
    [TestCase("198.17.255.255", false)]
    [TestCase("198.18.0.1", true)]
    [TestCase("198.19.255.255", true)]
    [TestCase("198.20.0.0", false)]
    [TestCase("198.51.100.7", true)]
    [TestCase("203.0.113.9", true)]
    [TestCase("224.0.0.1", true)]
    [TestCase("239.255.255.250", true)]
    [TestCase("240.0.0.1", true)]
    [TestCase("255.255.255.255", true)]
    // IPv6: global unicast is allowed.
    [TestCase("2606:4700:4700::1111", false)]
    [TestCase("2a00:1450:4007:80e::200e", false)]
    [TestCase("2001:4860:4860::8888", false)]
    // ::/8 and what it embeds.
    [TestCase("::", true)]
    [TestCase("::1", true)]
    [TestCase("::ffff:127.0.0.1", true)]
    [TestCase("::ffff:8.8.8.8", true)]
    [TestCase("::8.8.8.8", true)]
    [TestCase("::ffff:0:8.8.8.8", true)]
    [TestCase("ff:ffff::1", true)]
    [TestCase("100:0:0:1::", false)]
    // NAT64 well-known prefix inherits the embedded IPv4 verdict; the rest of 64:ff9b::/32 does not.
    [TestCase("64:ff9b::8.8.8.8", false)]
    [TestCase("64:ff9b::1.1.1.1", false)]
    [TestCase("64:ff9b::127.0.0.1", true)]
    [TestCase("64:ff9b::10.0.0.1", true)]
    [TestCase("64:ff9b::a9fe:a9fe", true)]
    [TestCase("64:ff9b:1::8.8.8.8", true)]
    [TestCase("64:ff9b:ffff::1", true)]
    // Discard-only, 2001::/23 and its global carve-outs.
    [TestCase("100::1", true)]
    [TestCase("2001::1", true)]
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2", true)]
    [TestCase("2001:2::1", true)]
    [TestCase("2001:10::1", true)]
    [TestCase("2001:1::1", false)]
    [TestCase("2001:1::2", false)]
    [TestCase("2001:1::3", false)]
    [TestCase("2001:1::4", true)]
    [TestCase("2001:3::1", false)]
    [TestCase("2001:4:112::1", false)]
    [TestCase("2001:4:113::1", true)]
    [TestCase("2001:20::1", false)]
    [TestCase("2001:30::1", false)]
    [TestCase("2001:40::1", true)]
    [TestCase("2001:200::1", false)]
    // Documentation, 6to4, SRv6.
    [TestCase("2001:db8::1", true)]
    [TestCase("3fff::1", true)]
    [TestCase("3fff:fff::1", true)]
    [TestCase("3fff:1000::1", false)]
    [TestCase("2002:7f00:1::1", true)]
    [TestCase("2002:808:808::1", true)]
    [TestCase("5f00::1", true)]
    // Unique local, link-local, site-local, multicast.
    [TestCase("fc00::1", true)]
    [TestCase("fd12:3456:789a::1", true)]
    [TestCase("fe80::1", true)]
    [TestCase("fe80::1%2", true)]
    [TestCase("febf:ffff::1", true)]
    [TestCase("fec0::1", true)]
    [TestCase("feff::1", true)]
    [TestCase("ff02::1", true)]
    [TestCase("ff0e::101", true)]
    public void Verdict(string address, bool forbidden)
    {
        Assert.That(ForbiddenAddresses.IsForbidden(IPAddress.Parse(address)), Is.EqualTo(forbidden));
    }

    [Test]
    public void A_forbidden_address_names_its_range()
    {
        ForbiddenAddresses.IsForbidden(IPAddress.Parse("169.254.169.254"), out var range);

        Assert.That(range, Is.EqualTo("link-local"));
    }

    [Test]
    public void An_allowed_address_names_no_range()
    {
        var forbidden = ForbiddenAddresses.IsForbidden(IPAddress.Parse("8.8.8.8"), out var range);

        Assert.Multiple(() =>
        {
            Assert.That(forbidden, Is.False);
            Assert.That(range, Is.Null);
        });
    }
}
