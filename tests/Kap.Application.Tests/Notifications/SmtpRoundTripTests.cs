using System.Diagnostics;
using Kap.Application.Common.Interfaces;
using Kap.Infrastructure.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Kap.Application.Tests.Notifications;

public sealed class SmtpRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private static MailKitEmailSender Sender(int port, ListLogger<MailKitEmailSender> logger, int timeoutSeconds = 10) => new(
        Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            // Loopback test server without a certificate.
            Security = SmtpSecurity.None,
            FromAddress = "kap@clinic.example",
            FromName = "Kap Clinic",
            TimeoutSeconds = timeoutSeconds,
        }),
        new FakeTimeProvider(Now),
        logger);

    [Fact]
    public async Task A_message_sent_through_MailKit_arrives_at_a_real_SMTP_server_with_its_headers_and_body()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await AiosmtpdServer.StartAsync(ct);
        var logger = new ListLogger<MailKitEmailSender>();
        var message = new EmailMessage("riley.chen@example.org", "Riley Chén", "Your Kap sign-in invitation",
            "Hello Riley,\r\n\r\nChoose your password here:\r\nhttp://kap.test/account/invitation?token=abc\r\n");

        await Sender(server.Port, logger).SendAsync(message, ct);

        var received = await server.ReceivedAsync(expected: 1, TimeSpan.FromSeconds(10), ct);
        var mail = Assert.Single(received);
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal("riley.chen@example.org", to.Address);
        Assert.Equal("Riley Chén", to.Name);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal("kap@clinic.example", from.Address);
        Assert.Equal("Kap Clinic", from.Name);
        Assert.Equal("Your Kap sign-in invitation", mail.Subject);
        Assert.Contains("http://kap.test/account/invitation?token=abc", mail.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("@clinic.example", mail.MessageId, StringComparison.Ordinal);
        Assert.Equal(Now, mail.Date);
        // The envelope, as aiosmtpd's Mailbox handler records it.
        Assert.Equal("kap@clinic.example", mail.Headers["X-MailFrom"]);
        Assert.Equal("riley.chen@example.org", mail.Headers["X-RcptTo"]);

        Assert.Contains("Email sent via SMTP", logger.All, StringComparison.Ordinal);
        Assert.DoesNotContain("riley", logger.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("invitation", logger.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sending_to_a_port_where_no_server_listens_throws_within_the_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = AiosmtpdServer.FreePort();
        var logger = new ListLogger<MailKitEmailSender>();
        var sender = Sender(port, logger, timeoutSeconds: 5);
        var elapsed = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            sender.SendAsync(new EmailMessage("riley.chen@example.org", "Riley", "Your Kap sign-in invitation", "Hello"), ct));

        elapsed.Stop();
        // Not a cancellation: callers treat OperationCanceledException as "stop", not as a failed delivery to record.
        Assert.IsNotAssignableFrom<OperationCanceledException>(ex);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), $"took {elapsed.Elapsed}");
        Assert.Contains("could not be sent via SMTP", logger.All, StringComparison.Ordinal);
        Assert.Contains(ex.GetType().Name, logger.All, StringComparison.Ordinal);
        Assert.DoesNotContain("riley", logger.All, StringComparison.OrdinalIgnoreCase);
    }
}
