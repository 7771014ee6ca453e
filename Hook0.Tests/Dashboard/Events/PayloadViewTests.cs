using System.Text;
using Hook0.Modules.Dashboard.Events;

namespace Hook0.Tests.Dashboard.Events;

public sealed class PayloadViewTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Test]
    public void Json_is_indented_and_keeps_numbers_and_characters_as_written()
    {
        var view = PayloadView.Of("application/json", B64("""{"amount":12.50,"big":12345678901234567890,"name":"Zoë <b>","tags":["a"]}"""));

        Assert.That(view.Kind, Is.EqualTo("json"));
        Assert.That(view.Text, Is.EqualTo("""
            {
              "amount": 12.50,
              "big": 12345678901234567890,
              "name": "Zoë <b>",
              "tags": [
                "a"
              ]
            }
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Text_is_shown_as_it_is_and_invalid_utf8_text_falls_back_to_hex()
    {
        Assert.That(PayloadView.Of("text/plain", B64("line 1\n  line 2 {not json}")), Is.EqualTo(new PayloadView("text", "line 1\n  line 2 {not json}")));
        Assert.That(PayloadView.Of("text/plain", Convert.ToBase64String([0xff, 0xfe])).Kind, Is.EqualTo("binary"));
    }

    [Test]
    public void Binary_is_a_hex_dump_with_offsets_and_printable_ascii()
    {
        var bytes = Encoding.ASCII.GetBytes("Hello, Hook0!\n").Concat(new byte[] { 0, 1, 0x7f, 0x80, 0xff }).ToArray();

        var view = PayloadView.Of("application/octet-stream+base64", Convert.ToBase64String(bytes));

        Assert.That(view.Kind, Is.EqualTo("binary"));
        Assert.That(view.Text, Is.EqualTo(
            "00000000  48 65 6c 6c 6f 2c 20 48  6f 6f 6b 30 21 0a 00 01  |Hello, Hook0!...|\n" +
            "00000010  7f 80 ff                                          |...|"));
        Assert.That(view.Note, Is.EqualTo("19 bytes."));
    }

    [Test]
    public void A_large_binary_payload_is_dumped_up_to_the_cap_and_says_so()
    {
        var view = PayloadView.HexDump(new byte[PayloadView.MaxDumpBytes + 100]);

        Assert.That(view.Text.Split('\n'), Has.Length.EqualTo(PayloadView.MaxDumpBytes / 16));
        Assert.That(view.Note, Is.EqualTo($"Showing the first {PayloadView.MaxDumpBytes:N0} of {PayloadView.MaxDumpBytes + 100:N0} bytes."));
    }

    [Test]
    public void A_json_payload_that_is_not_json_is_shown_as_text_with_a_note()
    {
        var view = PayloadView.Of("application/json", B64("{oops"));

        Assert.That(view, Is.EqualTo(new PayloadView("text", "{oops", "Not valid JSON; shown as text.")));
    }
}
