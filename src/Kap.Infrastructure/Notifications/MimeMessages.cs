using Kap.Application.Common.Interfaces;
using MimeKit;
using MimeKit.Utils;

namespace Kap.Infrastructure.Notifications;

/// <summary>Builds the one MIME shape Kap sends, so SMTP and the pickup folder produce the same message.</summary>
internal static class MimeMessages
{
    /// <summary>Used in the pickup folder when no sender is configured; .invalid (RFC 2606) can never be delivered to.</summary>
    public const string DevelopmentFromAddress = "kap@kap.invalid";

    public static MimeMessage Create(EmailMessage message, string fromAddress, string fromName, DateTimeOffset now)
    {
        var from = new MailboxAddress(fromName, fromAddress);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = now,
            // A Message-Id in our own domain lets replies and bounces be traced to one message.
            MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "kap.invalid"),
            Body = new TextPart("plain") { Text = message.TextBody },
        };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.To));
        return mime;
    }
}
