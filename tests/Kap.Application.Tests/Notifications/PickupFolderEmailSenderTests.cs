using Kap.Application.Common.Interfaces;
using Kap.Infrastructure.Notifications;
using Kap.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Kap.Application.Tests.Notifications;

public sealed class PickupFolderEmailSenderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kap-tests", "pickup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private PickupFolderEmailSender Sender(ListLogger<PickupFolderEmailSender> logger, string fromAddress = "") => new(
        Options.Create(new DatabaseOptions { DataDirectory = "data" }),
        Options.Create(new SmtpOptions { FromAddress = fromAddress }),
        new TestHostEnvironment(_root),
        new FakeTimeProvider(Now),
        logger);

    [Fact]
    public async Task Writes_a_parseable_eml_under_the_content_root_with_the_headers_and_body()
    {
        var logger = new ListLogger<PickupFolderEmailSender>();

        await Sender(logger).SendAsync(new EmailMessage("riley.chen@example.org", "Riley Chén", "Your Kap sign-in invitation",
            "Hello Riley,\n\nChoose your password here:\nhttp://kap.test/account/invitation?token=abc\n"), TestContext.Current.CancellationToken);

        // A relative DataDirectory resolves against the content root, like the SQLite file.
        var folder = Path.Combine(_root, "data", "mail-pickup");
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var mail = MimeMessage.Load(file);
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal("riley.chen@example.org", to.Address);
        Assert.Equal("Riley Chén", to.Name);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal("kap@kap.invalid", from.Address);
        Assert.Equal("Kap", from.Name);
        Assert.Equal("Your Kap sign-in invitation", mail.Subject);
        Assert.Equal(Now, mail.Date);
        Assert.False(string.IsNullOrEmpty(mail.MessageId));
        Assert.Contains("http://kap.test/account/invitation?token=abc", mail.TextBody, StringComparison.Ordinal);

        // RFC 5322: every line ends in CRLF.
        var raw = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("\n", raw.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Contains(file, logger.All, StringComparison.Ordinal);
        Assert.DoesNotContain("riley", logger.All.Replace(file, "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Uses_the_configured_sender_address_when_there_is_one()
    {
        await Sender(new ListLogger<PickupFolderEmailSender>(), fromAddress: "kap@clinic.example")
            .SendAsync(new EmailMessage("a@example.org", null, "Subject", "Body"), TestContext.Current.CancellationToken);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(Path.Combine(_root, "data", "mail-pickup"))));
        Assert.Equal("kap@clinic.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("a@example.org", Assert.Single(mail.To.Mailboxes).Address);
    }
}
