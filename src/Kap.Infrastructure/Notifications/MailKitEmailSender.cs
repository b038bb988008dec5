using Kap.Application.Common.Interfaces;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure.Notifications;

/// <summary>
/// Sends over SMTP with MailKit: one connection per message, which is simple and plenty for invitations and
/// reminders. Failures propagate so the caller can record them. The log never names the recipient, the
/// subject or the body: any of them may reveal that someone is a patient.
/// </summary>
public sealed class MailKitEmailSender(
    IOptions<SmtpOptions> options,
    TimeProvider clock,
    ILogger<MailKitEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;
        using var mime = MimeMessages.Create(message, smtp.FromAddress, smtp.FromName, clock.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(smtp.TimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, ToSocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex)
        {
            // Only the type and the SMTP status: exception messages can quote the server's reply, which often
            // echoes the recipient address.
            var status = ex is SmtpCommandException command ? (int)command.StatusCode : 0;
            logger.LogWarning("Email could not be sent via SMTP: {ExceptionType} (SMTP status {Status})", ex.GetType().Name, status);
            throw;
        }

        logger.LogInformation("Email sent via SMTP");
    }

    internal static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security mode."),
    };
}
